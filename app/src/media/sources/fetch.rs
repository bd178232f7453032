//! Reads one address of a press source, politely and safely: a named
//! User-Agent, robots.txt obeyed, conditional GET (ETag, Last-Modified), a
//! time limit and a size limit, redirects followed only on the same host,
//! and no private or loopback address unless the configuration allows it
//! (the address is resolved once and the connection pinned to it, so a DNS
//! answer cannot change between the check and the request).

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// How sources are read (from `media.*` in the configuration).
#[derive(Debug, Clone)]
pub struct FetchPolicy {
    pub timeout: Duration,
    pub max_bytes: usize,
    pub allow_private: bool,
    pub user_agent: String,
}

impl FetchPolicy {
    pub fn from_config(c: &crate::platform::config::Config) -> Self {
        Self {
            timeout: Duration::from_secs(c.media.fetch_timeout_secs),
            max_bytes: c.media.max_response_bytes,
            // Demo mode reads the demo's own sample feeds on this machine.
            allow_private: c.media.allow_private_addresses || c.demo,
            user_agent: format!(
                "Ashyq/{} (press monitoring; +{})",
                env!("CARGO_PKG_VERSION"),
                c.base_url
            ),
        }
    }
}

/// What the source said last time, to ask only for something newer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A response read in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// Where it came from after redirects.
    pub url: String,
    pub bytes: Vec<u8>,
    pub content_type: String,
    pub validators: Validators,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// 304: nothing new since the validators.
    NotModified,
    Body(Body),
}

/// Why a read failed, in words for the source's health record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("not a web address: {0}")]
    BadAddress(String),
    #[error("refused: {0} is a private or loopback address")]
    PrivateAddress(String),
    #[error("refused: a redirect to another host ({0})")]
    OtherHost(String),
    #[error("more than {MAX_REDIRECTS} redirects")]
    TooManyRedirects,
    #[error("robots.txt does not allow reading {0}")]
    Robots(String),
    #[error("the source answered HTTP {0}")]
    Status(u16),
    #[error("the answer is larger than {0} bytes")]
    TooLarge(usize),
    #[error("no full answer within {0} s")]
    Timeout(u64),
    #[error("could not connect: {0}")]
    Network(String),
}

const MAX_REDIRECTS: usize = 5;

/// Whether `ip` is an address of the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback() || v6.is_unspecified() || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// Resolves `url`'s host once and checks every address it names.
async fn resolve(url: &reqwest::Url, policy: &FetchPolicy) -> Result<SocketAddr, FetchError> {
    let host = url.host_str().ok_or_else(|| FetchError::BadAddress(url.to_string()))?;
    let port = url.port_or_known_default().unwrap_or(80);
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((bare, port))
        .await
        .map_err(|e| FetchError::Network(format!("{host}: {e}")))?
        .collect();
    let first = *addrs
        .first()
        .ok_or_else(|| FetchError::Network(format!("{host}: no address")))?;
    if !policy.allow_private {
        if let Some(a) = addrs.iter().find(|a| !is_public(a.ip())) {
            return Err(FetchError::PrivateAddress(format!("{host} ({})", a.ip())));
        }
    }
    Ok(first)
}

/// One request, no redirects followed, to the address checked above.
async fn request(
    url: &reqwest::Url,
    policy: &FetchPolicy,
    validators: &Validators,
) -> Result<reqwest::Response, FetchError> {
    let addr = resolve(url, policy).await?;
    let host = url.host_str().unwrap_or_default();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(policy.timeout)
        .connect_timeout(policy.timeout.min(Duration::from_secs(10)))
        .user_agent(policy.user_agent.clone())
        .resolve(host, addr)
        .build()
        .map_err(|e| FetchError::Network(e.to_string()))?;
    let mut req = client.get(url.clone());
    if let Some(e) = &validators.etag {
        req = req.header(reqwest::header::IF_NONE_MATCH, e);
    }
    if let Some(m) = &validators.last_modified {
        req = req.header(reqwest::header::IF_MODIFIED_SINCE, m);
    }
    req.send().await.map_err(|e| network(e, policy))
}

fn network(e: reqwest::Error, policy: &FetchPolicy) -> FetchError {
    if e.is_timeout() {
        FetchError::Timeout(policy.timeout.as_secs())
    } else {
        FetchError::Network(e.without_url().to_string())
    }
}

/// GET `url` (following up to five same-host redirects), or `NotModified`.
pub async fn get(url: &str, policy: &FetchPolicy, validators: &Validators) -> Result<Fetched, FetchError> {
    let mut url = reqwest::Url::parse(url).map_err(|_| FetchError::BadAddress(url.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::BadAddress(url.to_string()));
    }
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    for _ in 0..=MAX_REDIRECTS {
        let response = request(&url, policy, validators).await?;
        let status = response.status();
        if status.is_redirection() && status != reqwest::StatusCode::NOT_MODIFIED {
            let to = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .and_then(|l| url.join(l).ok())
                .ok_or(FetchError::Status(status.as_u16()))?;
            if to.host_str().unwrap_or_default().to_ascii_lowercase() != host {
                return Err(FetchError::OtherHost(to.host_str().unwrap_or_default().to_string()));
            }
            url = to;
            continue;
        }
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        return read(response, url.to_string(), policy).await.map(Fetched::Body);
    }
    Err(FetchError::TooManyRedirects)
}

/// Reads the body up to the size limit, stopping as soon as it is passed.
async fn read(mut response: reqwest::Response, url: String, policy: &FetchPolicy) -> Result<Body, FetchError> {
    if response.content_length().is_some_and(|n| n > policy.max_bytes as u64) {
        return Err(FetchError::TooLarge(policy.max_bytes));
    }
    let header = |name: reqwest::header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header(reqwest::header::CONTENT_TYPE).unwrap_or_default();
    let validators = Validators {
        etag: header(reqwest::header::ETAG),
        last_modified: header(reqwest::header::LAST_MODIFIED),
    };
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| network(e, policy))? {
        if bytes.len() + chunk.len() > policy.max_bytes {
            return Err(FetchError::TooLarge(policy.max_bytes));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Body {
        url,
        bytes,
        content_type,
        validators,
    })
}

/// The robots.txt of each site, read once per pass and asked for every
/// address on that site (a listing page and its articles). Only a
/// robots.txt that answers 200 is applied; a missing one allows everything.
#[derive(Default)]
pub struct Robots {
    sites: std::collections::HashMap<String, Result<Option<texting_robots::Robot>, FetchError>>,
}

impl Robots {
    /// Whether the site's robots.txt lets us read `url`.
    pub async fn allow(&mut self, url: &str, policy: &FetchPolicy) -> Result<(), FetchError> {
        let robots = texting_robots::get_robots_url(url).map_err(|_| FetchError::BadAddress(url.to_string()))?;
        if !self.sites.contains_key(&robots) {
            let rules = match get(&robots, policy, &Validators::default()).await {
                Ok(Fetched::Body(b)) => {
                    let agent = policy.user_agent.split('/').next().unwrap_or("Ashyq");
                    Ok(texting_robots::Robot::new(agent, &b.bytes).ok())
                }
                Ok(Fetched::NotModified) | Err(FetchError::Status(_)) => Ok(None),
                Err(e) => Err(e),
            };
            self.sites.insert(robots.clone(), rules);
        }
        match &self.sites[&robots] {
            Ok(Some(r)) if !r.allowed(url) => Err(FetchError::Robots(url.to_string())),
            Ok(_) => Ok(()),
            Err(e) => Err(e.clone()),
        }
    }

    /// Sites whose robots.txt was asked for in this pass.
    pub fn sites_read(&self) -> usize {
        self.sites.len()
    }
}
