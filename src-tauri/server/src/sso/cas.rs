//! CAS 3.0: the browser goes to `<cas>/login?service=<our callback>`, comes back with a service
//! ticket, which the server validates at `<cas>/p3/serviceValidate` (an XML answer with the user
//! and its attributes). A ticket is used once: one seen before is refused here whatever the CAS
//! server says.

use super::{Http, Identity, Refusal};
use crate::config;

/// The namespace of the CAS protocol's XML.
const CAS_NS: &str = "http://www.yale.edu/tp/cas";

/// The CAS protocol's limit on a ticket's length.
const TICKET_MAX: usize = 256;

/// Where the browser signs on.
pub fn login_url(cas: &config::Cas) -> Result<String, Refusal> {
    let mut url = url::Url::parse(&format!("{}/login", cas.server_url)).map_err(|e| unreachable(e.to_string()))?;
    url.query_pairs_mut().append_pair("service", &cas.service);
    Ok(url.into())
}

fn unreachable(why: impl std::fmt::Display) -> Refusal {
    Refusal::new("provider_unreachable", format!("无法使用统一身份认证服务（CAS）：{why}。请稍后再试，或联系系统管理员"))
}

/// Whether a ticket looks like one (so that nothing else is sent to the CAS server).
pub fn well_formed(ticket: &str) -> bool {
    !ticket.is_empty() && ticket.len() <= TICKET_MAX && ticket.bytes().all(|b| b.is_ascii_graphic())
}

/// The person the CAS server vouches for with `ticket`.
pub fn validate(http: &Http, cas: &config::Cas, ticket: &str) -> Result<Identity, Refusal> {
    let mut url = url::Url::parse(&format!("{}/p3/serviceValidate", cas.server_url)).map_err(|e| unreachable(e.to_string()))?;
    url.query_pairs_mut().append_pair("service", &cas.service).append_pair("ticket", ticket);
    let body = http.get(url.as_str(), None).map_err(unreachable)?;
    parse(&body, cas.employee_id_attribute.as_deref())
}

/// The identity of a serviceValidate answer, or the CAS server's refusal.
pub fn parse(xml: &str, attribute: Option<&str>) -> Result<Identity, Refusal> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| unreachable(format!("the validation answer is not XML ({e})")))?;
    let root = doc.root_element();
    if !is_cas(&root, "serviceResponse") {
        return Err(unreachable("the validation answer is not a CAS serviceResponse"));
    }
    if let Some(failure) = child(root, "authenticationFailure") {
        let code = failure.attribute("code").unwrap_or("").to_string();
        let text = failure.text().unwrap_or("").trim().to_string();
        return Err(Refusal::new(
            "ticket_invalid",
            format!("CAS 服务器不认可这张票据（{code}{}{text}），未登录：请重新登录", if text.is_empty() { "" } else { "：" }),
        ));
    }
    let success =
        child(root, "authenticationSuccess").ok_or_else(|| unreachable("the validation answer has neither success nor failure"))?;
    let user = child(success, "user").and_then(|u| u.text()).map(str::trim).filter(|u| !u.is_empty());
    let user = user.ok_or_else(|| unreachable("the validation answer names no user"))?.to_string();
    let attributes = child(success, "attributes");
    let value = |name: &str| {
        attributes.and_then(|a| child(a, name)).and_then(|v| v.text()).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)
    };
    let employee_id = match attribute {
        None => user,
        Some(name) => value(name).ok_or_else(|| {
            Refusal::new(
                "claim_missing",
                format!("统一身份认证通过，但 CAS 没有给出工号属性“{name}”（服务器配置 employee_id_attribute）：请联系系统管理员"),
            )
        })?,
    };
    Ok(Identity { employee_id, email: value("mail").or_else(|| value("email")) })
}

fn is_cas(node: &roxmltree::Node<'_, '_>, name: &str) -> bool {
    node.tag_name().name() == name && node.tag_name().namespace() == Some(CAS_NS)
}

/// The first child element `cas:<name>`.
fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.is_element() && is_cas(c, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_or_the_attribute_is_the_employee_id() {
        let xml = r#"<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess>
            <cas:user>zhangsan</cas:user><cas:attributes><cas:employee_id>T0002</cas:employee_id>
            <cas:email>zs@example.edu.cn</cas:email></cas:attributes></cas:authenticationSuccess></cas:serviceResponse>"#;
        assert_eq!(parse(xml, None).map(|i| i.employee_id), Ok("zhangsan".into()));
        let by_attribute = parse(xml, Some("employee_id")).expect("identity");
        assert_eq!((by_attribute.employee_id.as_str(), by_attribute.email.as_deref()), ("T0002", Some("zs@example.edu.cn")));
        assert_eq!(parse(xml, Some("staff_no")).map_err(|r| r.code), Err("claim_missing"));
    }

    #[test]
    fn a_failure_or_another_namespace_is_refused() {
        let failure = r#"<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="INVALID_TICKET">Ticket ST-1 not recognized</cas:authenticationFailure></cas:serviceResponse>"#;
        let refused = parse(failure, None).expect_err("failure");
        assert!(refused.code == "ticket_invalid" && refused.message.contains("INVALID_TICKET"), "{refused:?}");
        let foreign = r#"<cas:serviceResponse xmlns:cas="http://evil.example.com"><cas:authenticationSuccess><cas:user>admin</cas:user></cas:authenticationSuccess></cas:serviceResponse>"#;
        assert_eq!(parse(foreign, None).map_err(|r| r.code), Err("provider_unreachable"));
    }

    #[test]
    fn only_a_plausible_ticket_is_sent_on() {
        assert!(well_formed("ST-1-abcdef"));
        assert!(!well_formed("") && !well_formed("ST 1") && !well_formed(&"S".repeat(257)));
    }
}
