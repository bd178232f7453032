//! Who is asking, as far as the network can tell: the client's address (the
//! TCP peer, or the address a trusted reverse proxy reports in
//! `X-Forwarded-For`) and the key that limits count it under: an IPv4
//! address, or an IPv6 /64 (one household or one device picks freely among
//! the addresses of its /64, so the /64 is one client).

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::Request;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

/// The client of a request, put into its extensions by [`client_addr`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// The address limits count under: IPv4 as it is, IPv6 cut to its /64
    /// (an IPv4 address mapped into IPv6 counts as the IPv4 address).
    pub fn limit_key(self) -> IpAddr {
        match self.0 {
            IpAddr::V4(v4) => IpAddr::V4(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => {
                    let s = v6.segments();
                    IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
                }
            },
        }
    }

    /// [`Self::limit_key`] as text, for the database (`2001:db8:1:2::/64`).
    pub fn limit_text(self) -> String {
        match self.limit_key() {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => format!("{v6}/64"),
        }
    }
}

/// The client's address. Only when the TCP peer is a trusted proxy is
/// `X-Forwarded-For` read, from the right: the first address that is not
/// itself a trusted proxy is the client (addresses further left were written
/// by the client and prove nothing). Without a trusted proxy the header is
/// ignored, so no one can choose their own address.
pub fn client_ip(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<IpAddr> = forwarded_for
        .iter()
        .flat_map(|h| h.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .collect();
    hops.iter().rev().find(|ip| !is_trusted(ip)).copied().unwrap_or(peer)
}

/// Where a request came from, as the audit log records it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub client: String,
    pub user_agent: String,
}

tokio::task_local! {
    static ORIGIN: Origin;
}

/// The origin of the request being handled: from its task, else from the
/// leptos context of a server function; empty outside a request (a command,
/// a background job).
pub fn current_origin() -> Origin {
    ORIGIN.try_with(Clone::clone).ok().unwrap_or_else(|| {
        leptos::prelude::use_context::<axum::http::request::Parts>()
            .map(|p| origin_of(&p.extensions, &p.headers))
            .unwrap_or_default()
    })
}

fn origin_of(extensions: &axum::http::Extensions, headers: &axum::http::HeaderMap) -> Origin {
    Origin {
        client: extensions
            .get::<ClientAddr>()
            .map(|c| c.0.to_string())
            .unwrap_or_default(),
        user_agent: headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(300).collect())
            .unwrap_or_default(),
    }
}

/// Middleware: puts the request's [`ClientAddr`] into its extensions (and
/// its [`Origin`] into its task). A request without a TCP peer (an
/// in-process call) counts as loopback.
pub async fn client_addr(State(trusted): State<Arc<Vec<IpNet>>>, mut req: Request<Body>, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let ip = client_ip(peer, &forwarded, &trusted);
    req.extensions_mut().insert(ClientAddr(ip));
    let origin = origin_of(req.extensions(), req.headers());
    ORIGIN.scope(origin, next.run(req)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let proxies = nets(&["10.0.0.0/8"]);
        // A client talking to us directly cannot pick its address.
        assert_eq!(
            client_ip(ip("203.0.113.7"), &["198.51.100.1"], &proxies),
            ip("203.0.113.7")
        );
        // Behind the proxy, the proxy's view of the client counts ...
        assert_eq!(
            client_ip(ip("10.1.2.3"), &["198.51.100.1"], &proxies),
            ip("198.51.100.1")
        );
        // ... not what the client wrote in front of it.
        assert_eq!(
            client_ip(ip("10.1.2.3"), &["1.2.3.4, 198.51.100.1", "10.9.9.9"], &proxies),
            ip("198.51.100.1")
        );
        // No trusted proxies configured: the header is never read.
        assert_eq!(client_ip(ip("10.1.2.3"), &["198.51.100.1"], &[]), ip("10.1.2.3"));
        // A proxy that sends nothing readable: the proxy itself.
        assert_eq!(client_ip(ip("10.1.2.3"), &["garbage"], &proxies), ip("10.1.2.3"));
    }

    #[test]
    fn an_ipv6_client_counts_as_its_slash_64_and_a_mapped_ipv4_as_ipv4() {
        let a = ClientAddr(ip("2001:db8:1:2:aaaa::1"));
        let b = ClientAddr(ip("2001:db8:1:2:ffff:1:2:3"));
        let other = ClientAddr(ip("2001:db8:1:3::1"));
        assert_eq!(a.limit_key(), b.limit_key());
        assert_ne!(a.limit_key(), other.limit_key());
        assert_eq!(a.limit_text(), "2001:db8:1:2::/64");
        assert_eq!(ClientAddr(ip("::ffff:192.0.2.5")).limit_key(), ip("192.0.2.5"));
        assert_eq!(ClientAddr(ip("192.0.2.5")).limit_text(), "192.0.2.5");
    }
}
