//! Two people saving one record through the server (docs/reliability.md "Two people at once"):
//! the second save, from the form as it was before the first, is answered 409 `edit_conflict`
//! with the fields that differ and the account that saved first, and writes nothing.

use crate::common::{audit_entries, call_as, demo_server, sign_in};
use axum::http::StatusCode;

#[tokio::test]
async fn the_second_save_of_a_form_loaded_before_the_first_is_a_409_and_writes_nothing() {
    let running = demo_server();
    // Two browsers of the office, each with its own session.
    let (first_person, second_person) = (sign_in(&running, "office").await, sign_in(&running, "office").await);
    let loaded = call_as(&running, &second_person, "get_contract", &serde_json::json!({ "id": 1 })).await;
    assert_eq!(loaded.status, StatusCode::OK);
    let form = loaded.json()["form"].clone();
    let version = form["version"].as_i64().expect("the form carries its version");

    let mut first = form.clone();
    first["title"] = "专利实施许可合同（补充）".into();
    let saved = call_as(&running, &first_person, "save_contract", &serde_json::json!({ "form": first })).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", String::from_utf8_lossy(&saved.body));
    let now = call_as(&running, &first_person, "get_contract", &serde_json::json!({ "id": 1 })).await.json();
    assert_eq!(now["form"]["version"].as_i64(), Some(version + 1));

    let entries = audit_entries(&running);
    let mut second = form;
    second["registration_no"] = "2026510100000999".into();
    let refused = call_as(&running, &second_person, "save_contract", &serde_json::json!({ "form": second })).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let body = refused.json();
    assert_eq!(body["code"], "edit_conflict");
    let fields: Vec<&str> = body["details"].as_array().expect("details").iter().filter_map(|d| d["column"].as_str()).collect();
    assert_eq!(fields, ["title", "registration_no"], "the first person's title and the second one's number differ");
    assert!(body["message"].as_str().is_some_and(|m| m.contains("合同名称") && m.contains("技术合同登记号")), "{body}");
    assert!(body["message"].as_str().is_some_and(|m| m.contains("已被 office（")), "the account that saved first: {body}");
    assert_eq!(audit_entries(&running), entries, "nothing written");
    let kept = call_as(&running, &second_person, "get_contract", &serde_json::json!({ "id": 1 })).await.json();
    assert_eq!(kept["form"]["title"], "专利实施许可合同（补充）", "the first person's title is not overwritten");
}
