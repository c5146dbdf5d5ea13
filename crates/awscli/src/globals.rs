//! The checks the AWS CLI (and botocore, when it creates the client) makes of global options.

use crate::argparse::{Parsed, python_int};

/// The checks the AWS CLI makes of global options before it does anything else.
pub(crate) fn check(globals: &Parsed) -> Result<(), String> {
    for (option, name) in [
        ("cli-read-timeout", "read"),
        ("cli-connect-timeout", "connect"),
    ] {
        if let Some(value) = globals.one(option) {
            match python_int(value) {
                None => {
                    return Err(format!(
                        "--{option} takes a whole number of seconds, not {value:?}"
                    ));
                }
                Some(n) if n < 0 => {
                    return Err(format!(
                        "--{option}: the {name} timeout cannot be negative ({n}); 0 means no timeout"
                    ));
                }
                Some(_) => {}
            }
        }
    }
    if let Some(url) = globals.one("endpoint-url")
        && scheme_end(url).is_none()
    {
        return Err(format!(
            "bad value for --endpoint-url {url:?}: the scheme is missing; write http://<hostname>/ or https://<hostname>/"
        ));
    }
    Ok(())
}

/// The checks botocore makes when it creates the client, which `--generate-cli-skeleton input`
/// never does: the endpoint's host and the region's form.
pub(crate) fn check_client(globals: &Parsed) -> Result<(), String> {
    if let Some(url) = globals.one("endpoint-url") {
        check_endpoint_url(url)?;
    }
    if let Some(region) = globals.one("region") {
        let label = |c: char| c.is_ascii_alphanumeric() || c == '-';
        let valid = !region.is_empty()
            && region.len() <= 63
            && region.chars().all(label)
            && !region.chars().all(|c| c.is_ascii_digit())
            && !region.starts_with('-')
            && !region.ends_with('-');
        if !valid {
            return Err(format!(
                "--region {region:?} is not a region name (letters, digits and `-`, such as us-east-1)"
            ));
        }
    }
    Ok(())
}

/// The end of the URL's scheme (`urlparse`'s: a letter, then letters, digits, `+`, `-`, `.`).
fn scheme_end(url: &str) -> Option<usize> {
    url.find(':').filter(|&i| {
        i > 0
            && url[..i].starts_with(|c: char| c.is_ascii_alphabetic())
            && url[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// botocore's endpoint check: a host name of DNS labels (or an IPv6 address) after the scheme.
fn check_endpoint_url(url: &str) -> Result<(), String> {
    let invalid = || Err(format!("invalid endpoint: {url}"));
    let Some(scheme_end) = scheme_end(url) else {
        return invalid();
    };
    if url.contains(['\t', '\r', '\n']) {
        return invalid();
    }
    let Some(rest) = url[scheme_end + 1..].strip_prefix("//") else {
        return invalid();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.starts_with('[') {
        return if host_port.contains(']') {
            Ok(())
        } else {
            invalid()
        };
    }
    let host = host_port.split(':').next().unwrap_or_default();
    let host = host.strip_suffix('.').unwrap_or(host);
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if host.is_empty() || host.len() > 255 || !host.split('.').all(label_ok) {
        return invalid();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        for good in [
            "https://example.com",
            "http://[::1]:80/",
            "https://a-b.c.:443/x",
        ] {
            assert_eq!(check_endpoint_url(good), Ok(()), "{good}");
        }
        for bad in ["example.com", "https:/x", "https://-a.com", "https://a\tb"] {
            assert!(check_endpoint_url(bad).is_err(), "{bad}");
        }
        assert_eq!(scheme_end("git+ssh://x"), Some(7));
        assert_eq!(scheme_end("1http://x"), None);
    }
}
