// Who is on the other end of a request: the socket's peer address, or,
// when that peer is a trusted proxy (`gallery serve --trusted-proxy CIDR`),
// the address the proxies recorded in X-Forwarded-For. Used to throttle
// logins per client and to log failures. Everything here works on text
// alone, so it can be tested without a server.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "media/status.h"

namespace gallery::http {

// An IPv4 or IPv6 address as 16 bytes (IPv4 as an IPv4-mapped IPv6
// address, so that "127.0.0.1" and "::ffff:127.0.0.1" are one address).
struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;

  // "192.0.2.1", "2001:db8::1", "[2001:db8::1]", "::ffff:192.0.2.1"; a zone
  // ("%eth0") is dropped. nullopt for anything else.
  static std::optional<IpAddress> Parse(const std::string& text);
  // The conventional text: dotted quad for IPv4, RFC 5952 for IPv6.
  std::string ToString() const;
};

// One network: an address and a prefix length ("10.0.0.0/8", "::1/128"; a
// bare address is the network of that address alone).
struct IpNetwork {
  IpAddress base;
  int prefix_bits = 0;  // of the 128-bit form

  // InvalidArgument naming `text` when it is not such a network.
  static media::Result<IpNetwork> Parse(const std::string& text);
  bool Contains(const IpAddress& address) const;
};

// The proxies whose X-Forwarded-For is believed.
class TrustedProxies {
 public:
  TrustedProxies() = default;
  explicit TrustedProxies(std::vector<IpNetwork> networks) : networks_(std::move(networks)) {}

  bool Contains(const IpAddress& address) const;
  bool empty() const { return networks_.empty(); }

  // The client's address: `peer` itself unless it is trusted; then the
  // right-most address of `forwarded_for` (comma-separated, as each proxy
  // appends) that is not itself trusted. When every listed address is
  // trusted, the left-most one; when the header is missing or holds a
  // malformed entry before an untrusted one is found, the last trusted hop
  // (so a client cannot pass a forged value through a trusted proxy). A
  // `peer` that is not an address is returned as it is.
  std::string ClientAddress(const std::string& peer, const std::string& forwarded_for) const;

 private:
  std::vector<IpNetwork> networks_;
};

// What login throttling counts per address: the address itself for IPv4,
// its /64 network for IPv6 (one subscriber usually holds a whole /64).
std::string ThrottleKey(const std::string& client_address);

}  // namespace gallery::http
