//! The ID token's checks (OpenID Connect Core §3.1.3.7): its signature against one of the
//! provider's published keys (JWKS), then issuer, audience (and authorized party), expiry, issue
//! time and nonce. Signatures are checked with ring, which the server's TLS already uses.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::signature::{self, RsaPublicKeyComponents, UnparsedPublicKey};
use serde::Deserialize;
use serde_json::{Map, Value};

/// Seconds the provider's clock and ours may differ by.
pub const LEEWAY: i64 = 60;

/// Why a token is refused: the refusal's code and what to tell the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// `token_malformed`, `token_signature`, `token_issuer`, `token_audience`, `token_expired`,
    /// `token_nonce`.
    pub code: &'static str,
    /// What was wrong, for the journal and the sign-in page.
    pub why: String,
}

fn rejected(code: &'static str, why: impl Into<String>) -> Rejected {
    Rejected { code, why: why.into() }
}

/// One key of the provider's JWKS.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Jwk {
    /// `RSA`, `EC` or `OKP`.
    pub kty: String,
    /// The key's ID, which a token's header names.
    #[serde(default)]
    pub kid: Option<String>,
    /// The algorithm the key is for, when the provider says.
    #[serde(default)]
    pub alg: Option<String>,
    /// `sig` or `enc`.
    #[serde(default, rename = "use")]
    pub usage: Option<String>,
    /// RSA modulus and exponent.
    #[serde(default)]
    pub n: Option<String>,
    #[serde(default)]
    pub e: Option<String>,
    /// EC / OKP curve and coordinates.
    #[serde(default)]
    pub crv: Option<String>,
    #[serde(default)]
    pub x: Option<String>,
    #[serde(default)]
    pub y: Option<String>,
}

/// A JWKS document.
#[derive(Debug, Deserialize)]
pub struct Jwks {
    /// Its keys.
    pub keys: Vec<Jwk>,
}

/// A token's header.
#[derive(Clone, Debug, Deserialize)]
pub struct Header {
    /// The signature's algorithm.
    pub alg: String,
    /// The key's ID.
    #[serde(default)]
    pub kid: Option<String>,
}

/// What the token must say.
pub struct Expected<'a> {
    /// The issuer, exactly.
    pub issuer: &'a str,
    /// Our client ID, among the audiences.
    pub client_id: &'a str,
    /// The nonce of this sign-on.
    pub nonce: &'a str,
    /// Now, in seconds since 1970 (the real clock: the provider's times are real ones).
    pub now: i64,
}

/// The algorithms accepted: asymmetric ones only. `none` would be no signature at all, and an
/// HMAC one is keyed with the client secret, which the token's own header must not be able to
/// pick in place of the provider's published key.
pub const ALGORITHMS: [&str; 7] = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"];

/// A compact JWS taken apart: header, the signed text, the signature, the claims.
type Parts<'t> = (Header, &'t str, Vec<u8>, Map<String, Value>);

/// The parts of a compact JWS.
fn parts(token: &str) -> Result<Parts<'_>, Rejected> {
    let mut split = token.split('.');
    let (Some(h), Some(p), Some(s), None) = (split.next(), split.next(), split.next(), split.next()) else {
        return Err(rejected("token_malformed", "not a signed JWT (three parts)"));
    };
    let decode =
        |part: &str, what: &str| URL_SAFE_NO_PAD.decode(part).map_err(|_| rejected("token_malformed", format!("{what} is not base64url")));
    let header: Header =
        serde_json::from_slice(&decode(h, "the header")?).map_err(|e| rejected("token_malformed", format!("header: {e}")))?;
    let claims: Map<String, Value> =
        serde_json::from_slice(&decode(p, "the payload")?).map_err(|e| rejected("token_malformed", format!("claims: {e}")))?;
    let signature = decode(s, "the signature")?;
    let signed = &token[..h.len() + 1 + p.len()];
    Ok((header, signed, signature, claims))
}

/// The header of a token, to pick its key.
pub fn header(token: &str) -> Result<Header, Rejected> {
    parts(token).map(|(h, ..)| h)
}

/// The keys a token's header can mean: the one with its `kid` (or, without one, every key),
/// for signing, of the algorithm's type.
pub fn candidates<'k>(keys: &'k [Jwk], header: &Header) -> Vec<&'k Jwk> {
    keys.iter()
        .filter(|k| header.kid.is_none() || k.kid == header.kid)
        .filter(|k| k.usage.as_deref().is_none_or(|u| u == "sig"))
        .filter(|k| k.alg.as_deref().is_none_or(|a| a == header.alg))
        .filter(|k| k.kty == kty_of(&header.alg))
        .collect()
}

fn kty_of(alg: &str) -> &'static str {
    match alg {
        "RS256" | "RS384" | "RS512" | "PS256" => "RSA",
        "ES256" | "ES384" => "EC",
        "EdDSA" => "OKP",
        _ => "",
    }
}

/// Whether `key` signed `signed` with `sig` under `alg`.
fn signed_by(key: &Jwk, alg: &str, signed: &[u8], sig: &[u8]) -> bool {
    let b64 = |v: &Option<String>| v.as_deref().and_then(|s| URL_SAFE_NO_PAD.decode(s).ok());
    match key.kty.as_str() {
        "RSA" => {
            let (Some(n), Some(e)) = (b64(&key.n), b64(&key.e)) else { return false };
            let params: &signature::RsaParameters = match alg {
                "RS256" => &signature::RSA_PKCS1_2048_8192_SHA256,
                "RS384" => &signature::RSA_PKCS1_2048_8192_SHA384,
                "RS512" => &signature::RSA_PKCS1_2048_8192_SHA512,
                "PS256" => &signature::RSA_PSS_2048_8192_SHA256,
                _ => return false,
            };
            RsaPublicKeyComponents { n: &n, e: &e }.verify(params, signed, sig).is_ok()
        }
        "EC" => {
            let (Some(x), Some(y)) = (b64(&key.x), b64(&key.y)) else { return false };
            let (algorithm, curve, size): (&dyn signature::VerificationAlgorithm, _, _) = match alg {
                "ES256" => (&signature::ECDSA_P256_SHA256_FIXED, "P-256", 32),
                "ES384" => (&signature::ECDSA_P384_SHA384_FIXED, "P-384", 48),
                _ => return false,
            };
            if key.crv.as_deref() != Some(curve) || x.len() != size || y.len() != size {
                return false;
            }
            let point = [&[0x04][..], &x, &y].concat();
            UnparsedPublicKey::new(algorithm, point).verify(signed, sig).is_ok()
        }
        "OKP" if alg == "EdDSA" && key.crv.as_deref() == Some("Ed25519") => {
            b64(&key.x).is_some_and(|x| UnparsedPublicKey::new(&signature::ED25519, x).verify(signed, sig).is_ok())
        }
        _ => false,
    }
}

/// The token's claims when it is signed by one of `keys` and says what `expected` says; else why not.
pub fn verify(token: &str, keys: &[Jwk], expected: &Expected<'_>) -> Result<Map<String, Value>, Rejected> {
    let (header, signed, sig, claims) = parts(token)?;
    if !ALGORITHMS.contains(&header.alg.as_str()) {
        return Err(rejected("token_signature", format!("algorithm {} is not accepted", header.alg)));
    }
    let found = candidates(keys, &header);
    if found.is_empty() {
        return Err(rejected(
            "token_signature",
            format!("no key of the provider matches (kid {})", header.kid.as_deref().unwrap_or("none")),
        ));
    }
    if !found.iter().any(|k| signed_by(k, &header.alg, signed.as_bytes(), &sig)) {
        return Err(rejected("token_signature", "the signature does not verify with the provider's key"));
    }
    let text = |name: &str| claims.get(name).and_then(Value::as_str);
    let number = |name: &str| claims.get(name).and_then(Value::as_i64);
    if text("iss") != Some(expected.issuer) {
        return Err(rejected("token_issuer", format!("issuer {:?}, expected {:?}", text("iss").unwrap_or(""), expected.issuer)));
    }
    let audiences: Vec<&str> = match claims.get("aud") {
        Some(Value::String(a)) => vec![a.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !audiences.contains(&expected.client_id) {
        return Err(rejected("token_audience", format!("audience {audiences:?} does not include this server ({})", expected.client_id)));
    }
    // Several audiences: the party the token was issued to must be named, and be us.
    match text("azp") {
        Some(azp) if azp != expected.client_id => {
            return Err(rejected("token_audience", format!("authorized party {azp:?} is not this server")));
        }
        None if audiences.len() > 1 => return Err(rejected("token_audience", "several audiences and no authorized party (azp)")),
        _ => {}
    }
    let Some(exp) = number("exp") else { return Err(rejected("token_malformed", "no expiry (exp)")) };
    if expected.now > exp + LEEWAY {
        return Err(rejected("token_expired", format!("expired {} s ago", expected.now - exp)));
    }
    let Some(iat) = number("iat") else { return Err(rejected("token_malformed", "no issue time (iat)")) };
    if iat > expected.now + LEEWAY {
        return Err(rejected("token_expired", format!("issued {} s in the future", iat - expected.now)));
    }
    if number("nbf").is_some_and(|nbf| nbf > expected.now + LEEWAY) {
        return Err(rejected("token_expired", "not valid yet (nbf)"));
    }
    match text("nonce") {
        Some(nonce) if constant_time_eq(nonce.as_bytes(), expected.nonce.as_bytes()) => {}
        _ => return Err(rejected("token_nonce", "the nonce is not this sign-on's")),
    }
    if text("sub").is_none_or(str::is_empty) {
        return Err(rejected("token_malformed", "no subject (sub)"));
    }
    Ok(claims)
}

/// Equality that takes as long whatever the first difference.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::rand::SystemRandom;
    use ring::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};

    /// A P-256 key of the test's own, as a JWK with `kid`, and a signer.
    fn key(kid: &str) -> (Jwk, EcdsaKeyPair) {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).expect("key");
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng).expect("pair");
        let point = pair.public_key().as_ref();
        let jwk = Jwk {
            kty: "EC".into(),
            kid: Some(kid.into()),
            crv: Some("P-256".into()),
            x: Some(URL_SAFE_NO_PAD.encode(&point[1..33])),
            y: Some(URL_SAFE_NO_PAD.encode(&point[33..65])),
            ..Jwk::default()
        };
        (jwk, pair)
    }

    fn sign(pair: &EcdsaKeyPair, kid: &str, claims: &Value) -> String {
        let head = URL_SAFE_NO_PAD.encode(serde_json::json!({"alg": "ES256", "kid": kid}).to_string());
        let body = URL_SAFE_NO_PAD.encode(claims.to_string());
        let signed = format!("{head}.{body}");
        let sig = pair.sign(&SystemRandom::new(), signed.as_bytes()).expect("sign");
        format!("{signed}.{}", URL_SAFE_NO_PAD.encode(sig.as_ref()))
    }

    const NOW: i64 = 1_796_000_000;

    fn good() -> Value {
        serde_json::json!({"iss": "https://idp.example.edu.cn", "aud": "transferdesk", "sub": "u1", "exp": NOW + 300, "iat": NOW - 5, "nonce": "n-1"})
    }

    fn expected() -> Expected<'static> {
        Expected { issuer: "https://idp.example.edu.cn", client_id: "transferdesk", nonce: "n-1", now: NOW }
    }

    fn code(token: &str, keys: &[Jwk]) -> &'static str {
        verify(token, keys, &expected()).err().map_or("ok", |r| r.code)
    }

    #[test]
    fn a_token_signed_by_the_provider_saying_the_right_things_is_accepted() {
        let (jwk, pair) = key("k1");
        let claims = verify(&sign(&pair, "k1", &good()), &[jwk], &expected()).expect("accepted");
        assert_eq!(claims.get("sub").and_then(Value::as_str), Some("u1"));
    }

    #[test]
    fn each_wrong_claim_is_refused_with_its_code() {
        let (jwk, pair) = key("k1");
        let keys = [jwk];
        let with = |field: &str, value: Value| {
            let mut c = good();
            c[field] = value;
            sign(&pair, "k1", &c)
        };
        assert_eq!(code(&with("iss", "https://evil.example.com".into()), &keys), "token_issuer");
        assert_eq!(code(&with("aud", "someone-else".into()), &keys), "token_audience");
        assert_eq!(code(&with("aud", serde_json::json!(["transferdesk", "other"])), &keys), "token_audience", "several audiences need azp");
        let mut both = good();
        both["aud"] = serde_json::json!(["transferdesk", "other"]);
        both["azp"] = "transferdesk".into();
        assert_eq!(code(&sign(&pair, "k1", &both), &keys), "ok", "azp names us");
        // Expired 61 s ago is beyond the 60 s leeway; 59 s ago is within it.
        assert_eq!(code(&with("exp", (NOW - 61).into()), &keys), "token_expired");
        assert_eq!(code(&with("exp", (NOW - 59).into()), &keys), "ok");
        assert_eq!(code(&with("iat", (NOW + 3600).into()), &keys), "token_expired");
        assert_eq!(code(&with("nonce", "n-2".into()), &keys), "token_nonce");
    }

    #[test]
    fn a_foreign_key_a_tampered_payload_or_no_signature_is_refused() {
        let (jwk, _) = key("k1");
        let (_, other) = key("k1");
        assert_eq!(code(&sign(&other, "k1", &good()), std::slice::from_ref(&jwk)), "token_signature", "same kid, another key");
        let (_, pair) = key("k2");
        assert_eq!(code(&sign(&pair, "k2", &good()), std::slice::from_ref(&jwk)), "token_signature", "unknown kid");
        let (jwk, pair) = key("k1");
        let token = sign(&pair, "k1", &good());
        let mut changed = good();
        changed["sub"] = "admin".into();
        let forged: Vec<&str> = token.split('.').collect();
        let forged = format!("{}.{}.{}", forged[0], URL_SAFE_NO_PAD.encode(changed.to_string()), forged[2]);
        assert_eq!(code(&forged, std::slice::from_ref(&jwk)), "token_signature", "payload changed after signing");
        let none = format!("{}.{}.", URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#), URL_SAFE_NO_PAD.encode(good().to_string()));
        assert_eq!(code(&none, &[jwk]), "token_signature", "alg none");
    }
}
