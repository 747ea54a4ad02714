#include "http/client_address.h"

#include <arpa/inet.h>

#include <cstring>

#include "base/strings.h"

namespace gallery::http {

namespace {

std::string Trim(const std::string& s) { return std::string(base::Trim(s, " \t")); }

constexpr std::uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

}  // namespace

std::optional<IpAddress> IpAddress::Parse(const std::string& input) {
  std::string text = Trim(input);
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  if (std::size_t zone = text.find('%'); zone != std::string::npos) text.resize(zone);
  if (text.empty() || text.size() > 64) return std::nullopt;
  IpAddress out;
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    std::memcpy(out.bytes.data(), kMappedPrefix, 12);
    std::memcpy(out.bytes.data() + 12, &v4, 4);
    out.v4 = true;
    return out;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) != 1) return std::nullopt;
  std::memcpy(out.bytes.data(), &v6, 16);
  out.v4 = std::memcmp(out.bytes.data(), kMappedPrefix, 12) == 0;
  return out;
}

std::string IpAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN] = {};
  if (v4) {
    inet_ntop(AF_INET, bytes.data() + 12, buf, sizeof buf);
  } else {
    inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf);
  }
  return buf;
}

media::Result<IpNetwork> IpNetwork::Parse(const std::string& text) {
  auto bad = [&text](const std::string& why) {
    return media::Status::InvalidArgument("--trusted-proxy '" + text + "': " + why);
  };
  std::size_t slash = text.find('/');
  auto address = IpAddress::Parse(text.substr(0, slash));
  if (!address) return bad("not an IPv4 or IPv6 address");
  IpNetwork net;
  net.base = *address;
  const int max_bits = address->v4 ? 32 : 128;
  int bits = max_bits;
  if (slash != std::string::npos) {
    std::string digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string::npos) {
      return bad("the prefix length must be a whole number");
    }
    bits = std::stoi(digits);
    if (bits > max_bits) return bad("the prefix length must be at most " + std::to_string(max_bits));
  }
  net.prefix_bits = address->v4 ? bits + 96 : bits;
  // The base keeps only its network part, so that Contains compares bytes.
  for (int i = 0; i < 16; ++i) {
    int keep = std::max(0, std::min(8, net.prefix_bits - i * 8));
    net.base.bytes[i] &= static_cast<std::uint8_t>(0xff00 >> keep);
  }
  return net;
}

bool IpNetwork::Contains(const IpAddress& address) const {
  for (int i = 0; i < 16; ++i) {
    int keep = std::max(0, std::min(8, prefix_bits - i * 8));
    auto mask = static_cast<std::uint8_t>(0xff00 >> keep);
    if ((address.bytes[i] & mask) != base.bytes[i]) return false;
  }
  return true;
}

bool TrustedProxies::Contains(const IpAddress& address) const {
  for (const IpNetwork& net : networks_) {
    if (net.Contains(address)) return true;
  }
  return false;
}

std::string TrustedProxies::ClientAddress(const std::string& peer, const std::string& forwarded_for) const {
  auto peer_address = IpAddress::Parse(peer);
  if (!peer_address) return peer;
  if (!Contains(*peer_address)) return peer_address->ToString();
  // Right to left: each hop appended the address it saw.
  IpAddress last_trusted = *peer_address;
  std::size_t end = forwarded_for.size();
  for (int hops = 0; hops < 64 && end > 0; ++hops) {
    std::size_t comma = forwarded_for.rfind(',', end - 1);
    std::size_t begin = comma == std::string::npos ? 0 : comma + 1;
    auto hop = IpAddress::Parse(forwarded_for.substr(begin, end - begin));
    if (!hop) break;
    if (!Contains(*hop)) return hop->ToString();
    last_trusted = *hop;
    if (comma == std::string::npos) break;
    end = comma;
  }
  return last_trusted.ToString();
}

std::string ThrottleKey(const std::string& client_address) {
  auto address = IpAddress::Parse(client_address);
  if (!address || address->v4) return client_address;
  IpAddress network = *address;
  std::fill(network.bytes.begin() + 8, network.bytes.end(), 0);
  return network.ToString() + "/64";
}

}  // namespace gallery::http
