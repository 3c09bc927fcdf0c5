//! Why a command did not run or was refused: the `{code, message, details}` report every
//! transport sends, and the kind of failure a transport maps to its own status (HTTP 4xx/5xx).

use serde::Serialize;
use transferdesk_core::{Error, ErrorReport, Lang};

/// What kind of failure this is, for a transport's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The request itself is malformed: unknown command, arguments that do not fit, too large.
    BadRequest,
    /// No command of that name.
    UnknownCommand,
    /// Nobody is signed in.
    Unauthenticated,
    /// The caller's role may not call the command.
    Forbidden,
    /// The record does not exist (or is outside the caller's scope).
    NotFound,
    /// The input was checked and refused, or a rule refused the step.
    Rejected,
    /// A form's save refused: someone else changed the record since it was loaded
    /// (`edit_conflict`).
    Conflict,
    /// The request body is over the limit.
    TooLarge,
    /// Too many attempts: wait before trying again.
    Throttled,
    /// The data file cannot be used (missing, locked, corrupt, newer schema).
    Unavailable,
    /// A fault of the program or the machine (I/O, serialization).
    Internal,
}

/// A failed command.
#[derive(Clone, Debug, Serialize)]
#[serde(transparent)]
pub struct Failure {
    /// What the caller sees.
    pub report: ErrorReport,
    #[serde(skip)]
    kind: Kind,
}

impl Failure {
    /// A failure of this kind with a code and a sentence for a person.
    pub fn new(kind: Kind, code: &str, message: impl Into<String>) -> Failure {
        Failure { report: ErrorReport { code: code.into(), message: message.into(), details: Vec::new() }, kind }
    }

    /// Its kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Its stable code.
    pub fn code(&self) -> &str {
        &self.report.code
    }

    /// No command of that name.
    pub fn unknown_command(name: &str) -> Failure {
        Failure::new(Kind::UnknownCommand, "unknown_command", format!("没有名为 {name} 的命令"))
    }

    /// An argument is missing, unknown or of the wrong type; `at` is its path (`query.page`).
    pub fn bad_argument(at: &str, problem: &str) -> Failure {
        let at = if at.is_empty() || at == "." { "arguments" } else { at };
        let mut failure = Failure::new(Kind::BadRequest, "bad_request", format!("请求参数有误（{at}）：{problem}"));
        failure.report.details.push(transferdesk_core::problem::ProblemReport {
            sheet: String::new(),
            row: 0,
            column: at.to_string(),
            cell: None,
            value: String::new(),
            code: "bad_argument".into(),
            problem: problem.to_string(),
        });
        failure
    }

    /// The caller's role may not call `command`.
    pub fn forbidden(command: &str) -> Failure {
        Failure::new(Kind::Forbidden, "forbidden", format!("当前账号无权执行此操作（{command}）"))
    }

    /// A fault of the program; `what` is logged by the transport, not shown in detail.
    pub fn internal(what: &str) -> Failure {
        Failure::new(Kind::Internal, "internal", format!("程序内部错误：{what}"))
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        let kind = match &e {
            Error::NotFound { .. } => Kind::NotFound,
            Error::Invalid(_) | Error::Refused { .. } | Error::AlreadyExists(_) => Kind::Rejected,
            Error::Conflict(_) => Kind::Conflict,
            Error::Missing(_) | Error::NewerSchema { .. } | Error::Corrupt(_) | Error::Locked(_) => Kind::Unavailable,
            Error::Io { .. } | Error::Database(_) => Kind::Internal,
        };
        Failure { report: e.report(Lang::Zh), kind }
    }
}

impl From<transferdesk_report::Error> for Failure {
    fn from(e: transferdesk_report::Error) -> Failure {
        match e {
            transferdesk_report::Error::Core(core) => core.into(),
            other => Failure::new(Kind::Internal, other.code(), other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_their_code_and_chinese_message() {
        let f = Failure::from(Error::NotFound { what: "achievement", key: "42".into() });
        let json = serde_json::to_value(&f).expect("serializes");
        assert_eq!(json, serde_json::json!({"code": "not_found", "message": "未找到成果：42", "details": []}));
        assert_eq!(f.kind(), Kind::NotFound);
    }

    #[test]
    fn a_conflict_is_its_own_kind_with_the_fields_as_details() {
        use transferdesk_core::error::{Conflict, ConflictField};
        let conflict = Conflict {
            record: "contract",
            label: "HT2025-001".into(),
            by: Some("app:wang".into()),
            at: Some("2026-11-23T10:15:00".into()),
            fields: vec![ConflictField { key: "title", zh: "合同名称", en: "title" }],
        };
        let f = Failure::from(Error::Conflict(Box::new(conflict)));
        assert_eq!(f.kind(), Kind::Conflict, "a transport answers 409, not a refusal's 422");
        let json = serde_json::to_value(&f).expect("serializes");
        assert_eq!(json["code"], "edit_conflict");
        assert_eq!(
            json["message"],
            "未保存：合同“HT2025-001”在您打开后已被 app:wang 于 2026-11-23 10:15:00 修改，与您提交的不同之处：合同名称。请重新加载后再修改"
        );
        assert_eq!(
            (&json["details"][0]["column"], &json["details"][0]["value"]),
            (&serde_json::json!("title"), &serde_json::json!("合同名称"))
        );
    }
}
