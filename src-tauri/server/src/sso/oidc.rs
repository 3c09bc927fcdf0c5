//! OpenID Connect's authorization code flow with PKCE, as a confidential client: the provider's
//! metadata from its discovery document, the code redeemed at its token endpoint, the ID token
//! checked against its JWKS (jwt.rs), the employee ID from the configured claim of the ID token
//! or, when the token does not carry it, of the userinfo.

use super::jwt::{self, Expected, Jwk, Jwks};
use super::{Http, Identity, Refusal};
use crate::config;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the discovery document is used before it is read again.
const METADATA_FOR: Duration = Duration::from_secs(3600);

/// The provider's metadata this flow uses.
#[derive(Clone, Debug, Deserialize)]
pub struct Metadata {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
    #[serde(default)]
    userinfo_endpoint: Option<String>,
    #[serde(default)]
    token_endpoint_auth_methods_supported: Option<Vec<String>>,
    #[serde(default)]
    code_challenge_methods_supported: Option<Vec<String>>,
}

/// The provider, its metadata and its keys (cached).
pub struct Provider {
    /// The settings.
    pub config: config::Oidc,
    metadata: Mutex<Option<(Instant, Arc<Metadata>)>>,
    keys: Mutex<Vec<Jwk>>,
}

/// What a sign-on keeps until the person comes back.
#[derive(Clone, Debug)]
pub struct Pending {
    /// The `state` sent.
    pub state: String,
    /// The `nonce` the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier (its S256 hash went out as the challenge).
    pub verifier: String,
}

fn unreachable(why: impl std::fmt::Display) -> Refusal {
    Refusal::new("provider_unreachable", format!("无法使用统一身份认证服务（OpenID Connect）：{why}。请稍后再试，或联系系统管理员"))
}

impl Provider {
    /// A provider whose metadata is read at its first use (the server starts while it is down).
    pub fn new(config: config::Oidc) -> Provider {
        Provider { config, metadata: Mutex::new(None), keys: Mutex::new(Vec::new()) }
    }

    /// The metadata, read again after an hour.
    fn metadata(&self, http: &Http) -> Result<Arc<Metadata>, Refusal> {
        if let Some((at, m)) = self.metadata.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            if at.elapsed() < METADATA_FOR {
                return Ok(Arc::clone(m));
            }
        }
        let url = format!("{}/.well-known/openid-configuration", self.config.issuer.trim_end_matches('/'));
        let metadata: Metadata = serde_json::from_str(&http.get(&url, None).map_err(unreachable)?)
            .map_err(|e| unreachable(format!("{url}: not a discovery document ({e})")))?;
        // The issuer is the key of everything the provider signs: its own document must name it
        // exactly as configured (OpenID Connect Discovery §4.3).
        if metadata.issuer != self.config.issuer {
            return Err(unreachable(format!("{url} names the issuer {:?}, not {:?} as configured", metadata.issuer, self.config.issuer)));
        }
        if metadata.code_challenge_methods_supported.as_ref().is_some_and(|m| !m.iter().any(|m| m == "S256")) {
            return Err(unreachable("the provider does not support PKCE with S256"));
        }
        let metadata = Arc::new(metadata);
        *self.metadata.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), Arc::clone(&metadata)));
        Ok(metadata)
    }

    /// Where the browser goes to sign on, and what to keep until it comes back.
    pub fn start(&self, http: &Http) -> Result<(String, Pending), Refusal> {
        let metadata = self.metadata(http)?;
        let pending = Pending { state: super::random()?, nonce: super::random()?, verifier: super::random()? };
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(pending.verifier.as_bytes()));
        let mut url = url::Url::parse(&metadata.authorization_endpoint)
            .map_err(|e| unreachable(format!("authorization_endpoint {:?}: {e}", metadata.authorization_endpoint)))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.config.client_id)
            .append_pair("redirect_uri", &self.config.redirect_uri)
            .append_pair("scope", &self.config.scopes.join(" "))
            .append_pair("state", &pending.state)
            .append_pair("nonce", &pending.nonce)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256");
        Ok((url.into(), pending))
    }

    /// The provider's keys; read again when `fresh` (a token names a key not seen yet: the
    /// provider rotated its keys).
    fn keys(&self, http: &Http, metadata: &Metadata, fresh: bool) -> Result<Vec<Jwk>, Refusal> {
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        if fresh || keys.is_empty() {
            let jwks: Jwks = serde_json::from_str(&http.get(&metadata.jwks_uri, None).map_err(unreachable)?)
                .map_err(|e| unreachable(format!("{}: not a JWKS ({e})", metadata.jwks_uri)))?;
            *keys = jwks.keys;
        }
        Ok(keys.clone())
    }

    /// The person the provider vouches for, from the code it sent back: the code redeemed, the
    /// ID token checked, the employee ID read.
    pub fn finish(&self, http: &Http, code: &str, pending: &Pending) -> Result<Identity, Refusal> {
        let metadata = self.metadata(http)?;
        let tokens = self.redeem(http, &metadata, code, &pending.verifier)?;
        let id_token = tokens.get("id_token").and_then(Value::as_str).ok_or_else(|| {
            Refusal::new("token_refused", "统一身份认证服务没有返回身份令牌（id_token）：请确认客户端的 scope 包含 openid")
        })?;
        let header = jwt::header(id_token).map_err(invalid)?;
        let mut keys = self.keys(http, &metadata, false)?;
        if jwt::candidates(&keys, &header).is_empty() {
            keys = self.keys(http, &metadata, true)?;
        }
        let expected = Expected { issuer: &self.config.issuer, client_id: &self.config.client_id, nonce: &pending.nonce, now: unix_now() };
        let claims = jwt::verify(id_token, &keys, &expected).map_err(invalid)?;
        let claim = &self.config.employee_id_claim;
        let (employee_id, email) = match text(&claims, claim) {
            // The e-mail is a courtesy (notifications): the userinfo is asked for it, and a
            // provider that does not answer does not stop the sign-on.
            Some(id) => (
                id,
                text(&claims, "email").or_else(|| self.userinfo(http, &metadata, &tokens, &claims).ok().and_then(|i| text(&i, "email"))),
            ),
            None => {
                let info = self.userinfo(http, &metadata, &tokens, &claims)?;
                let id = text(&info, claim).ok_or_else(|| {
                    Refusal::new(
                        "claim_missing",
                        format!("统一身份认证通过，但身份信息中没有工号字段“{claim}”（服务器配置 employee_id_claim）：请联系系统管理员"),
                    )
                })?;
                (id, text(&info, "email").or_else(|| text(&claims, "email")))
            }
        };
        Ok(Identity { employee_id, email })
    }

    /// The token endpoint's answer to the code, authenticated as the provider prefers
    /// (client_secret_basic, else client_secret_post).
    fn redeem(&self, http: &Http, metadata: &Metadata, code: &str, verifier: &str) -> Result<Map<String, Value>, Refusal> {
        let methods = metadata.token_endpoint_auth_methods_supported.clone().unwrap_or_else(|| vec!["client_secret_basic".into()]);
        let mut form = vec![
            ("grant_type", "authorization_code".to_string()),
            ("code", code.to_string()),
            ("redirect_uri", self.config.redirect_uri.clone()),
            ("code_verifier", verifier.to_string()),
        ];
        let authorization = if methods.iter().any(|m| m == "client_secret_basic") {
            // RFC 6749 §2.3.1: each part form-encoded before the Basic encoding.
            let encode = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
            Some(format!("Basic {}", STANDARD.encode(format!("{}:{}", encode(&self.config.client_id), encode(&self.config.client_secret)))))
        } else if methods.iter().any(|m| m == "client_secret_post") {
            form.push(("client_id", self.config.client_id.clone()));
            form.push(("client_secret", self.config.client_secret.clone()));
            None
        } else {
            return Err(unreachable(format!("the token endpoint takes neither client_secret_basic nor client_secret_post ({methods:?})")));
        };
        let (status, body) = http.post_form(&metadata.token_endpoint, authorization.as_deref(), &form).map_err(unreachable)?;
        let answer: Map<String, Value> = serde_json::from_str(&body).unwrap_or_default();
        if status != 200 {
            let error = answer.get("error").and_then(Value::as_str).unwrap_or("");
            let description = answer.get("error_description").and_then(Value::as_str).unwrap_or("");
            return Err(Refusal::new(
                "token_refused",
                format!("统一身份认证服务拒绝换发令牌（HTTP {status} {error} {description}）：请重新登录；如反复出现请联系系统管理员"),
            ));
        }
        Ok(answer)
    }

    /// The userinfo of the token's subject (OpenID Connect Core §5.3.2: its `sub` must be the ID token's).
    fn userinfo(
        &self,
        http: &Http,
        metadata: &Metadata,
        tokens: &Map<String, Value>,
        claims: &Map<String, Value>,
    ) -> Result<Map<String, Value>, Refusal> {
        let missing = || {
            Refusal::new(
                "claim_missing",
                format!(
                    "统一身份认证通过，但身份令牌中没有工号字段“{}”（服务器配置 employee_id_claim）：请联系系统管理员",
                    self.config.employee_id_claim
                ),
            )
        };
        let (Some(endpoint), Some(access)) = (&metadata.userinfo_endpoint, tokens.get("access_token").and_then(Value::as_str)) else {
            return Err(missing());
        };
        let body = http.get(endpoint, Some(&format!("Bearer {access}"))).map_err(unreachable)?;
        let info: Map<String, Value> = serde_json::from_str(&body).map_err(|e| unreachable(format!("userinfo: {e}")))?;
        if info.get("sub") != claims.get("sub") {
            return Err(invalid(jwt::Rejected { code: "token_malformed", why: "the userinfo is of another subject".into() }));
        }
        Ok(info)
    }
}

/// A claim as text (an employee ID may come as a number).
fn text(claims: &Map<String, Value>, name: &str) -> Option<String> {
    match claims.get(name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The person's refusal of a token.
fn invalid(r: jwt::Rejected) -> Refusal {
    let what = match r.code {
        "token_signature" => "签名无效",
        "token_issuer" => "签发者不符",
        "token_audience" => "受众（aud）不是本系统",
        "token_expired" => "已过期或时间无效",
        "token_nonce" => "nonce 与本次登录不符",
        _ => "格式错误",
    };
    Refusal::new(r.code, format!("统一身份认证返回的身份令牌{what}（{}），未登录。请重新登录；如反复出现请联系系统管理员", r.why))
}

/// Seconds since 1970 on the real clock: a token's times are the provider's real ones, while
/// TRANSFERDESK_TODAY (a demonstration's fixed day) only moves the day the rules see.
fn unix_now() -> i64 {
    #[allow(clippy::disallowed_methods)]
    let now = std::time::SystemTime::now();
    now.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
