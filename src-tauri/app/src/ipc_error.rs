//! Errors over IPC: always `{code, message, details}` so that the UI switches on `code`.

use serde::Serialize;
use transferdesk_core::{ErrorReport, Lang};

/// The error a command returns to the webview.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct IpcError(pub ErrorReport);

impl From<transferdesk_core::Error> for IpcError {
    fn from(e: transferdesk_core::Error) -> Self {
        IpcError(e.report(Lang::Zh))
    }
}

impl From<transferdesk_report::Error> for IpcError {
    fn from(e: transferdesk_report::Error) -> Self {
        match e {
            transferdesk_report::Error::Core(core) => core.into(),
            other => IpcError::new(other.code(), other.to_string()),
        }
    }
}

impl IpcError {
    /// An error with a code of the app shell itself.
    pub fn new(code: &str, message: impl Into<String>) -> IpcError {
        IpcError(ErrorReport { code: code.into(), message: message.into(), details: Vec::new() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_ipc_as_code_message_details() {
        let err = IpcError::from(transferdesk_core::Error::NotFound { what: "achievement", key: "42".into() });
        let json = serde_json::to_value(&err).expect("serializes");
        assert_eq!(json["code"], "not_found");
        assert_eq!(json["message"], "未找到成果：42");
        assert_eq!(json["details"], serde_json::json!([]));
    }
}
