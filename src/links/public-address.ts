import ipaddr from 'ipaddr.js';

/**
 * Whether an IP address is on the public internet. Everything else is refused: loopback, private
 * (10/8, 172.16/12, 192.168/16), link-local, carrier-grade NAT, multicast, broadcast, unspecified,
 * documentation and benchmark ranges, IPv6 unique-local, and the IPv6 forms that carry an IPv4
 * address (mapped `::ffff:a.b.c.d`, 6to4, NAT64, Teredo), whose embedded address could be private.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns an IPv4-mapped IPv6 address into the IPv4 address it maps, so its own range decides.
  return ipaddr.process(address).range() === 'unicast';
}

/** The name ipaddr.js gives an address's range ("loopback", "private", "uniqueLocal"…), for messages. */
export function addressRange(address: string): string {
  return ipaddr.isValid(address) ? ipaddr.process(address).range() : 'invalid';
}
