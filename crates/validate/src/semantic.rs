//! Rules beyond the schema: what the service accepts but is most likely a mistake, and what an
//! update resets. All of them are warnings or infos.

use crate::{Code, Kind, Out, Segment, quoted};
use idpool_json::{Kind as Json, Member, Node};

/// The optional settings that UpdateIdentityPool resets when a request leaves them out.
/// `DeveloperProviderName` is not among them: it cannot be changed once set.
const RESET_WHEN_OMITTED: [&str; 6] = [
    "AllowClassicFlow",
    "SupportedLoginProviders",
    "OpenIdConnectProviderARNs",
    "CognitoIdentityProviders",
    "SamlProviderARNs",
    "IdentityPoolTags",
];

/// The most tags an identity pool can have: the overlay's IDP108 quota, which this module reports
/// for UpdateIdentityPool among its other warnings (a test checks they agree).
const MAX_TAGS: usize = 50;

pub(crate) fn check(root: &Node<'_>, kind: Kind, out: &mut Out<'_>) {
    let Json::Object(members) = &root.kind else {
        return;
    };
    let get = |name: &str| members.iter().find(|m| m.key == name);
    let pool_region = match get("IdentityPoolId").map(|m| &m.value.kind) {
        Some(Json::String(id)) => id.split_once(':').map(|(region, _)| region.to_owned()),
        _ => None,
    };
    for member in members {
        let path = [Segment::Member(&member.key)];
        match (&*member.key, &member.value.kind) {
            ("IdentityPoolId", Json::String(id)) => {
                identity_pool_id(id, member, out);
                whitespace(id, &member.value, &path, out);
            }
            ("IdentityPoolName" | "DeveloperProviderName", Json::String(name)) => {
                whitespace(name, &member.value, &path, out);
            }
            ("SupportedLoginProviders", Json::Object(entries)) => {
                for entry in entries {
                    if let Json::String(app_id) = &entry.value.kind {
                        let path = [Segment::Member(&member.key), Segment::Key(&entry.key)];
                        whitespace(app_id, &entry.value, &path, out);
                    }
                }
            }
            ("CognitoIdentityProviders", Json::Array(providers)) => {
                for (i, provider) in providers.iter().enumerate() {
                    cognito_provider(&member.key, i, provider, pool_region.as_deref(), out);
                }
            }
            ("OpenIdConnectProviderARNs", Json::Array(arns)) => {
                arn_list(&member.key, arns, "oidc-provider/", out)
            }
            ("SamlProviderARNs", Json::Array(arns)) => {
                arn_list(&member.key, arns, "saml-provider/", out)
            }
            ("IdentityPoolTags", Json::Object(tags)) => identity_pool_tags(member, tags, out),
            _ => {}
        }
    }
    if kind == Kind::Request {
        let omitted: Vec<&str> = RESET_WHEN_OMITTED
            .into_iter()
            .filter(|name| get(name).is_none())
            .collect();
        if !omitted.is_empty() {
            out.push(
                Code::ResetSettings,
                &[],
                root.span.start..root.span.start + 1,
                format!(
                    "UpdateIdentityPool replaces the whole configuration: {} will be reset",
                    omitted.join(", ")
                ),
                Some("give every setting the pool should keep, as `describe-identity-pool` shows them".into()),
                None,
            );
        }
    }
}

fn identity_pool_id(id: &str, member: &Member<'_>, out: &mut Out<'_>) {
    let path = [Segment::Member(&member.key)];
    let message = if is_user_pool_id(id) {
        Some(format!(
            "{} looks like a user pool id (REGION_ID), not an identity pool id (REGION:GUID)",
            quoted(id)
        ))
    } else if is_guid(id) {
        Some(format!(
            "{} is a bare GUID; an identity pool id starts with its region: REGION:GUID",
            quoted(id)
        ))
    } else {
        None
    };
    if let Some(message) = message {
        out.push(
            Code::NotAnIdentityPoolId,
            &path,
            member.value.span.clone(),
            message,
            Some(
                "copy the id from the identity pool (`aws cognito-identity list-identity-pools`)"
                    .into(),
            ),
            None,
        );
    }
}

/// `us-east-1_AbCdEf123`: a region, `_`, letters and digits.
fn is_user_pool_id(id: &str) -> bool {
    id.split_once('_').is_some_and(|(region, rest)| {
        is_region(region) && !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

/// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`.
fn is_region(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
}

fn is_guid(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

fn whitespace(value: &str, node: &Node<'_>, path: &[Segment<'_>], out: &mut Out<'_>) {
    if value.trim() != value {
        out.push(
            Code::Whitespace,
            path,
            node.span.clone(),
            format!("{} has whitespace at the start or the end", quoted(value)),
            Some("remove it: the service keeps it, and a value with it is a different one".into()),
            None,
        );
    }
}

fn cognito_provider(
    list: &str,
    index: usize,
    provider: &Node<'_>,
    pool_region: Option<&str>,
    out: &mut Out<'_>,
) {
    let Json::Object(members) = &provider.kind else {
        return;
    };
    for member in members {
        let Json::String(value) = &member.value.kind else {
            continue;
        };
        let path = [
            Segment::Member(list),
            Segment::Index(index),
            Segment::Member(&member.key),
        ];
        match &*member.key {
            "ClientId" => whitespace(value, &member.value, &path, out),
            "ProviderName" => {
                whitespace(value, &member.value, &path, out);
                match parse_provider_name(value) {
                    None => out.push(
                        Code::ProviderNameFormat,
                        &path,
                        member.value.span.clone(),
                        format!(
                            "{} is not a user pool as `cognito-idp.REGION.amazonaws.com/REGION_ID`",
                            quoted(value)
                        ),
                        Some("copy the user pool's provider name from its settings".into()),
                        None,
                    ),
                    Some((host_region, pool_id_region)) => {
                        let problem = if host_region != pool_id_region {
                            Some(format!(
                                "the endpoint region `{host_region}` differs from the user pool id's region `{pool_id_region}`"
                            ))
                        } else {
                            pool_region.filter(|r| *r != host_region && is_region(r)).map(|r| {
                                format!("the user pool is in `{host_region}`, the identity pool in `{r}`")
                            })
                        };
                        if let Some(message) = problem {
                            out.push(
                                Code::RegionMismatch,
                                &path,
                                member.value.span.clone(),
                                message,
                                Some("tokens of this user pool will be refused: \"Token is not from a supported provider of this identity pool\"".into()),
                                None,
                            );
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// `cognito-idp.REGION.amazonaws.com/REGION_ID` → (REGION of the host, REGION of the id).
fn parse_provider_name(name: &str) -> Option<(&str, &str)> {
    let rest = name.strip_prefix("cognito-idp.")?;
    let (host_region, rest) = rest.split_once('.')?;
    let pool = rest
        .strip_prefix("amazonaws.com/")
        .or_else(|| rest.strip_prefix("amazonaws.com.cn/"))?;
    let (pool_region, id) = pool.split_once('_')?;
    let ok = is_region(host_region)
        && is_region(pool_region)
        && !id.is_empty()
        && id.chars().all(|c| c.is_ascii_alphanumeric());
    ok.then_some((host_region, pool_region))
}

fn arn_list(list: &str, arns: &[Node<'_>], resource: &str, out: &mut Out<'_>) {
    let mut first_seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, arn) in arns.iter().enumerate() {
        let Json::String(value) = &arn.kind else {
            continue;
        };
        let path = [Segment::Member(list), Segment::Index(i)];
        if let Some(&first) = first_seen.get(&**value) {
            out.push(
                Code::DuplicateArn,
                &path,
                arn.span.clone(),
                format!("this ARN is already item {} of the list", first + 1),
                Some("remove the repeated item".into()),
                None,
            );
        } else {
            first_seen.insert(value, i);
        }
        if !is_iam_provider_arn(value, resource) {
            out.push(
                Code::ArnKind,
                &path,
                arn.span.clone(),
                format!("{} is not an IAM `{resource}` ARN", quoted(value)),
                Some(format!(
                    "expected arn:PARTITION:iam::ACCOUNT:{resource}NAME"
                )),
                None,
            );
        }
    }
}

/// `arn:aws:iam::123456789012:oidc-provider/example.com`.
fn is_iam_provider_arn(arn: &str, resource: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    matches!(parts.as_slice(), ["arn", partition, "iam", "", account, rest]
        if partition.starts_with("aws")
            && account.len() == 12
            && account.chars().all(|c| c.is_ascii_digit())
            && rest.strip_prefix(resource).is_some_and(|name| !name.is_empty()))
}

fn identity_pool_tags(member: &Member<'_>, tags: &[Member<'_>], out: &mut Out<'_>) {
    let path = [Segment::Member(&member.key)];
    if tags.len() > MAX_TAGS {
        out.push(
            Code::TooManyTags,
            &path,
            member.value.span.start..member.value.span.start + 1,
            format!(
                "{} tags; an identity pool can have at most {MAX_TAGS}",
                tags.len()
            ),
            None,
            None,
        );
    }
    for tag in tags {
        if tag
            .key
            .get(..4)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("aws:"))
        {
            let path = [Segment::Member(&member.key), Segment::Key(&tag.key)];
            out.push(
                Code::ReservedTagKey,
                &path,
                tag.key_span.clone(),
                format!(
                    "the tag key {} starts with `aws:`, which AWS reserves",
                    quoted(&tag.key)
                ),
                Some("choose another key".into()),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_quota_is_the_overlays() {
        use idpool_model::service::{LINTS, LintRule};
        let lint = LINTS.iter().find(|l| l.code == "IDP108").unwrap();
        assert_eq!(lint.rule, LintRule::MaxEntries(MAX_TAGS as u64));
        assert_eq!(lint.shape.shape().name, "IdentityPoolTagsType");
    }

    #[test]
    fn shapes() {
        assert!(is_user_pool_id("us-east-1_AbCdEf123"));
        assert!(!is_user_pool_id("us-east-1:abc"));
        assert!(is_guid("6eaf0258-e8c5-467f-90de-6e212326e6d3"));
        assert!(is_region("us-gov-west-1"));
        assert!(!is_region("us_east-1"));
        assert_eq!(
            parse_provider_name("cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111"),
            Some(("us-west-2", "us-west-2"))
        );
        assert_eq!(parse_provider_name("accounts.google.com"), None);
        assert!(is_iam_provider_arn(
            "arn:aws:iam::123456789012:oidc-provider/example.com",
            "oidc-provider/"
        ));
        assert!(!is_iam_provider_arn(
            "arn:aws:iam::123456789012:saml-provider/x",
            "oidc-provider/"
        ));
        assert!(is_iam_provider_arn(
            "arn:aws-cn:iam::123456789012:saml-provider/x",
            "saml-provider/"
        ));
    }
}
