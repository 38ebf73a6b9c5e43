import { describe, expect, it } from 'vitest';
import { acronymLetters, spelledOut } from '../../src/search/acronyms.js';

describe('acronyms', () => {
  it('reads an acronym as a question writes it, plural and possessive too', () => {
    expect(acronymLetters('SP')).toBe('SP');
    expect(acronymLetters('MSPs')).toBe('MSP');
    expect(acronymLetters("DOJ's")).toBe('DOJ');
    expect(acronymLetters('Iran')).toBeNull();
    expect(acronymLetters('I')).toBeNull();
  });

  it('finds the name an acronym stands for in the text, connectors giving a letter or none', () => {
    const text =
      'The Department of Justice charged three men. During World War II the Bank of England moved its gold. The Scottish Parliament met; the Scottish Parliament voted.';
    expect(spelledOut('DOJ', [text])).toBe('Department of Justice');
    expect(spelledOut('WWII', [text])).toBe('World War II');
    expect(spelledOut('BE', [text + ' The Bank of England said so.'])).toBe('Bank of England');
    expect(spelledOut('SP', [text])).toBe('Scottish Parliament');
    expect(spelledOut('NATO', [text])).toBeNull();
  });

  it('takes a two-letter acronym only for a name the text repeats: two capitalised words meet by chance', () => {
    expect(spelledOut('SP', ['Since Paris hosted the talks, nothing changed.'])).toBeNull();
  });
});
