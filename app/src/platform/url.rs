//! Building page addresses: query values percent-encoded so that links keep
//! their filters, in the browser and on the server alike; and the one rule
//! for where a `next=` may send a visitor.

/// A redirect target that stays on this site, or `None`. Browsers drop tabs,
/// CR and LF inside an address and read `\` as `/`, so `/\t/evil.example`
/// and `/\\evil.example` both lead to `//evil.example`, another host. The same
/// clean-up is done here first (and every other control character removed);
/// what is left must start with exactly one `/`. The cleaned path is returned,
/// so the `Location` header carries what was checked.
pub fn local_path(target: &str) -> Option<String> {
    let clean: String = target
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    let clean = clean.trim_matches(' ');
    (clean.starts_with('/') && !clean.starts_with("//")).then(|| clean.to_string())
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay).
pub fn encode_query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_target_is_only_ever_a_path_on_this_site() {
        assert_eq!(
            local_path("/publications?page=2#top").as_deref(),
            Some("/publications?page=2#top")
        );
        assert_eq!(local_path("/").as_deref(), Some("/"));
        for away in [
            "/\t/evil.example",
            "/\t\n/evil.example",
            "/\r\n/evil.example",
            "//evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "http:/evil.example",
            "evil.example",
            " //evil.example",
            "\u{0}//evil.example",
            "",
        ] {
            assert_eq!(local_path(away), None, "{away:?} leaves the site");
        }
        // What is returned is what was checked: no control character left in it.
        assert_eq!(local_path("/staff\t/inbox").as_deref(), Some("/staff/inbox"));
    }

    #[test]
    fn query_values_are_encoded_but_paths_stay_readable() {
        assert_eq!(
            encode_query_value("/admin/users?x=1&y=2"),
            "/admin/users%3Fx%3D1%26y%3D2"
        );
        assert_eq!(encode_query_value("/қ"), "/%D2%9B");
    }
}
