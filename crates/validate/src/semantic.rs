//! Rules beyond the schema: what the service accepts but is most likely a mistake, and what an
//! update resets. All of them are warnings or infos, and they apply to every operation: a value
//! is checked by its shape (every `IdentityPoolId`, every user pool of a list of them), and by
//! the overlay's form lints (role ARNs, role-mapping keys, identity-pool ARNs).

use crate::{Code, Kind, Out, Segment, code_of, form, quoted};
use idpool_json::{Kind as Json, Member, Node};
use idpool_model::service::{LINTS, LintAt, LintRule, SHAPES, ShapeId, ShapeKind};
use std::sync::LazyLock;

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

/// The rules beyond the shapes for a document of the shape `shape`: every value is checked by
/// its shape wherever it stands (an `IdentityPoolId` in any operation, the user pools of
/// CreateIdentityPool as of UpdateIdentityPool), and by the overlay's form lints. `seed` is
/// UpdateIdentityPool, whose own rules also report its tag quota and the settings it resets.
pub(crate) fn check(root: &Node<'_>, shape: ShapeId, seed: bool, kind: Kind, out: &mut Out<'_>) {
    let Json::Object(members) = &root.kind else {
        return;
    };
    let get = |name: &str| members.iter().find(|m| m.key == name);
    let pool_region = match get("IdentityPoolId").map(|m| &m.value.kind) {
        Some(Json::String(id)) => id.split_once(':').map(|(region, _)| region),
        _ => None,
    };
    let mut walk = Walk {
        seed,
        pool_region,
        out,
    };
    walk.node(root, shape, &mut Vec::new());
    if seed && kind == Kind::Request {
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

/// One walk of a document along its shapes.
struct Walk<'w, 'o, 't> {
    seed: bool,
    /// The region of the document's top-level `IdentityPoolId`, if it has one.
    pool_region: Option<&'w str>,
    out: &'o mut Out<'t>,
}

/// What the walk does at the values of a shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    None,
    /// IDP102 and IDP105.
    IdentityPoolId,
    /// IDP105.
    Whitespace,
    /// IDP105, IDP103 and IDP104.
    ProviderName,
    /// IDP108 (UpdateIdentityPool's) and IDP109.
    Tags,
    /// IDP106 and IDP107 for a list of OIDC providers' (or SAML providers') ARNs.
    ArnList(&'static str),
}

/// What the walk needs to know of each shape, by its index in `SHAPES`.
#[derive(Debug, Clone, Copy)]
struct Info {
    rule: Rule,
    /// Whether an overlay form lint names the shape.
    lints: bool,
    /// Whether a rule or a lint applies to the shape or to a shape inside it: the walk does
    /// not enter the others.
    relevant: bool,
}

static INFO: LazyLock<Vec<Info>> = LazyLock::new(|| {
    let mut info: Vec<Info> = SHAPES
        .iter()
        .enumerate()
        .map(|(i, shape)| {
            let rule = match shape.name {
                "IdentityPoolId" => Rule::IdentityPoolId,
                "IdentityPoolName"
                | "DeveloperProviderName"
                | "IdentityProviderId"
                | "CognitoIdentityProviderClientId" => Rule::Whitespace,
                "CognitoIdentityProviderName" => Rule::ProviderName,
                "IdentityPoolTagsType" => Rule::Tags,
                "OIDCProviderList" => Rule::ArnList("oidc-provider/"),
                "SAMLProviderList" => Rule::ArnList("saml-provider/"),
                _ => Rule::None,
            };
            let id = ShapeId(u16::try_from(i).unwrap_or(u16::MAX));
            let lints = LINTS
                .iter()
                .any(|l| l.shape == id && matches!(l.rule, LintRule::Form { .. }));
            Info {
                rule,
                lints,
                relevant: rule != Rule::None || lints,
            }
        })
        .collect();
    // A shape is relevant when one inside it is; repeated until nothing changes, which also
    // ends for shapes that contain themselves.
    loop {
        let mut changed = false;
        for (i, shape) in SHAPES.iter().enumerate() {
            if info[i].relevant {
                continue;
            }
            let inner = |id: ShapeId| info.get(usize::from(id.0)).is_some_and(|i| i.relevant);
            let relevant = match shape.kind {
                ShapeKind::Structure(members) => members.iter().any(|m| inner(m.shape)),
                ShapeKind::List { member, .. } => inner(member),
                ShapeKind::Map { key, value, .. } => inner(key) || inner(value),
                _ => false,
            };
            if relevant {
                info[i].relevant = true;
                changed = true;
            }
        }
        if !changed {
            break info;
        }
    }
});

fn info(shape: ShapeId) -> Info {
    INFO.get(usize::from(shape.0)).copied().unwrap_or(Info {
        rule: Rule::None,
        lints: false,
        relevant: false,
    })
}

impl Walk<'_, '_, '_> {
    fn node<'d>(&mut self, node: &'d Node<'_>, shape: ShapeId, path: &mut Vec<Segment<'d>>) {
        let info = info(shape);
        if !info.relevant {
            return;
        }
        match (shape.shape().kind, &node.kind) {
            (ShapeKind::Structure(members), Json::Object(found)) => {
                // Members mostly come in the model's order: the search starts after the last
                // one found.
                let mut next = 0;
                for member in found {
                    let count = members.len();
                    let Some(at) = (0..count)
                        .map(|j| (next + j) % count)
                        .find(|&k| members[k].name == member.key)
                    else {
                        continue;
                    };
                    next = at + 1;
                    let model = &members[at];
                    if !info.lints && !self::info(model.shape).relevant {
                        continue;
                    }
                    path.push(Segment::Member(&member.key));
                    self.node(&member.value, model.shape, path);
                    if let (true, Json::String(value)) = (info.lints, &member.value.kind) {
                        self.forms(
                            shape,
                            LintAt::Member(model.name),
                            value,
                            &member.value.span,
                            path,
                        );
                    }
                    path.pop();
                }
            }
            (ShapeKind::Map { value, .. }, Json::Object(entries)) => {
                if info.rule == Rule::Tags {
                    self.tags(node, entries, path);
                }
                for entry in entries {
                    path.push(Segment::Key(&entry.key));
                    if info.lints {
                        self.forms(shape, LintAt::Keys, &entry.key, &entry.key_span, path);
                    }
                    self.node(&entry.value, value, path);
                    if let (true, Json::String(text)) = (info.lints, &entry.value.kind) {
                        self.forms(shape, LintAt::Values, text, &entry.value.span, path);
                    }
                    path.pop();
                }
            }
            (ShapeKind::List { member, .. }, Json::Array(items)) => {
                if let Rule::ArnList(resource) = info.rule {
                    arn_list(path, items, resource, self.out);
                }
                for (i, item) in items.iter().enumerate() {
                    path.push(Segment::Index(i));
                    self.node(item, member, path);
                    path.pop();
                }
            }
            (ShapeKind::String(_), Json::String(value)) => {
                match info.rule {
                    Rule::IdentityPoolId => {
                        identity_pool_id(value, node, path, self.out);
                        whitespace(value, node, path, self.out);
                    }
                    Rule::Whitespace => whitespace(value, node, path, self.out),
                    Rule::ProviderName => {
                        whitespace(value, node, path, self.out);
                        provider_name(value, node, path, self.pool_region, self.out);
                    }
                    Rule::None | Rule::Tags | Rule::ArnList(_) => {}
                }
                if info.lints {
                    self.forms(shape, LintAt::Value, value, &node.span, path);
                }
            }
            _ => {}
        }
    }

    /// The overlay's form lints on the values at `at` of `shape`.
    fn forms(
        &mut self,
        shape: ShapeId,
        at: LintAt,
        value: &str,
        span: &std::ops::Range<usize>,
        path: &[Segment<'_>],
    ) {
        // An empty value is an error of its length already.
        if value.is_empty() {
            return;
        }
        for lint in LINTS.iter().filter(|l| l.shape == shape) {
            let LintRule::Form {
                at: place,
                what,
                forms,
            } = lint.rule
            else {
                continue;
            };
            if place != at || form::matches(value, forms) {
                continue;
            }
            let Some(code) = code_of(lint.code) else {
                continue;
            };
            let expected: Vec<String> = forms.iter().map(|f| format!("`{f}`")).collect();
            self.out.push(
                code,
                path,
                span.clone(),
                format!("{} is not {what}", quoted(value)),
                Some(format!("expected {}: {}", expected.join(", or "), lint.why)),
                None,
            );
        }
    }

    /// IDP108 (UpdateIdentityPool's; the overlay's elsewhere) and IDP109.
    fn tags(&mut self, map: &Node<'_>, tags: &[Member<'_>], path: &[Segment<'_>]) {
        if self.seed && tags.len() > MAX_TAGS {
            self.out.push(
                Code::TooManyTags,
                path,
                map.span.start..map.span.start + 1,
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
                let mut path = path.to_vec();
                path.push(Segment::Key(&tag.key));
                self.out.push(
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
}

fn identity_pool_id(id: &str, node: &Node<'_>, path: &[Segment<'_>], out: &mut Out<'_>) {
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
            path,
            node.span.clone(),
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

/// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`: two letters, one or more words of
/// lower-case letters, a number, joined by `-` (checked without allocating: it runs on every
/// document).
fn is_region(region: &str) -> bool {
    let Some((head, number)) = region.rsplit_once('-') else {
        return false;
    };
    let mut words = head.split('-');
    let first_ok = words.next().is_some_and(|w| w.len() == 2 && is_lower(w));
    let mut others = 0;
    let others_ok = words.all(|w| {
        others += 1;
        !w.is_empty() && is_lower(w)
    });
    first_ok
        && others_ok
        && others >= 1
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
}

fn is_lower(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_lowercase())
}

/// `6eaf0258-e8c5-467f-90de-6e212326e6d3`: hexadecimal digits in groups of 8, 4, 4, 4, 12.
fn is_guid(id: &str) -> bool {
    id.len() == 36
        && id.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
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

/// IDP103 and IDP104 for the `ProviderName` of a user pool.
fn provider_name(
    value: &str,
    node: &Node<'_>,
    path: &[Segment<'_>],
    pool_region: Option<&str>,
    out: &mut Out<'_>,
) {
    match parse_provider_name(value) {
        None => out.push(
            Code::ProviderNameFormat,
            path,
            node.span.clone(),
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
                pool_region
                    .filter(|r| *r != host_region && is_region(r))
                    .map(|r| {
                        format!("the user pool is in `{host_region}`, the identity pool in `{r}`")
                    })
            };
            if let Some(message) = problem {
                out.push(
                    Code::RegionMismatch,
                    path,
                    node.span.clone(),
                    message,
                    Some("tokens of this user pool will be refused: \"Token is not from a supported provider of this identity pool\"".into()),
                    None,
                );
            }
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

fn arn_list<'d>(
    path: &mut Vec<Segment<'d>>,
    arns: &'d [Node<'_>],
    resource: &str,
    out: &mut Out<'_>,
) {
    let mut first_seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, arn) in arns.iter().enumerate() {
        let Json::String(value) = &arn.kind else {
            continue;
        };
        path.push(Segment::Index(i));
        if let Some(&first) = first_seen.get(&**value) {
            out.push(
                Code::DuplicateArn,
                path,
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
                path,
                arn.span.clone(),
                format!("{} is not an IAM `{resource}` ARN", quoted(value)),
                Some(format!(
                    "expected arn:PARTITION:iam::ACCOUNT:{resource}NAME"
                )),
                None,
            );
        }
        path.pop();
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
        assert!(is_region("eu-central-2"));
        assert!(!is_region("us_east-1"));
        for not_a_region in [
            "",
            "us-1",
            "use-east-1",
            "us--1",
            "us-east-",
            "us-East-1",
            "-east-1",
            "us-east-1a",
        ] {
            assert!(!is_region(not_a_region), "{not_a_region}");
        }
        assert!(!is_guid("6eaf0258-e8c5-467f-90de-6e212326e6d"));
        assert!(!is_guid("6eaf0258e-8c5-467f-90de-6e212326e6d3"));
        assert!(!is_guid("6eaf0258-e8c5-467f-90de-6e212326e6dé"));
        assert!(is_guid("6EAF0258-E8C5-467F-90DE-6E212326E6D3"));
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
