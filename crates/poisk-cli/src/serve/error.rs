//! Errors as JSON, with the status code that says whose fault they are.

use axum::body::{Body, to_bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiErrorBody {
    /// What went wrong, in words for people.
    error: String,
    /// For a query error: the 0-based character position at fault in the
    /// query; null otherwise.
    position: Option<usize>,
    /// For `POST /articles`: the lines of the body that could not be read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<LineError>,
}

/// A line of a JSONL body that is not an article.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LineError {
    /// 1-based line of the body; null for a problem of the whole body.
    pub line: Option<usize>,
    /// What is wrong with it.
    pub error: String,
}

/// An error response: a status and its JSON.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ApiErrorBody,
}

impl ApiError {
    pub fn new(status: StatusCode, error: impl Into<String>) -> ApiError {
        ApiError { status, body: ApiErrorBody { error: error.into(), position: None, errors: Vec::new() } }
    }

    /// 400: the request is wrong.
    pub fn bad_request(error: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, error)
    }

    /// 500: the server failed; the client can do nothing about it.
    pub fn internal(error: impl std::fmt::Display) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, error.to_string())
    }

    /// The same error listing the lines of a body that failed.
    pub fn with_lines(mut self, errors: Vec<LineError>) -> ApiError {
        self.body.errors = errors;
        self
    }
}

impl From<poisk::Error> for ApiError {
    fn from(err: poisk::Error) -> ApiError {
        let status = match &err {
            poisk::Error::Query { .. } | poisk::Error::Request { .. } => StatusCode::BAD_REQUEST,
            poisk::Error::Locked { .. } => StatusCode::CONFLICT,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let position = match &err {
            poisk::Error::Query { position, .. } => Some(*position),
            _ => None,
        };
        if status.is_server_error() {
            tracing::error!("{err}");
        }
        let mut error = ApiError::new(status, err.to_string());
        error.body.position = position;
        error
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body)).into_response();
        let headers = response.headers_mut();
        match self.status {
            StatusCode::UNAUTHORIZED => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            StatusCode::SERVICE_UNAVAILABLE | StatusCode::CONFLICT => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ => {}
        }
        response
    }
}

/// The error of a body over `max_body` bytes.
pub fn too_large_body(max_body: usize) -> ApiError {
    let mb = max_body as f64 / 1e6;
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("the body is larger than the {mb:.0} MB the server takes (--max-body)"),
    )
}

/// The most of a plain error body that is kept as the message of its JSON.
const PLAIN_ERROR_BYTES: usize = 4_096;

/// Gives every error response a JSON body: the errors axum and the tower
/// layers make themselves (an unknown path, a wrong method, a body over
/// the limit, a malformed query string) come as plain text or empty; this
/// turns them into `{"error": …, "position": null}`, the text (or the
/// status's reason) as the message. `max_body` is the server's body limit,
/// to name in a 413.
pub async fn json_errors(max_body: usize, response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return too_large_body(max_body).into_response();
    }
    let (mut parts, body) = response.into_parts();
    let text = match to_bytes(body, PLAIN_ERROR_BYTES).await {
        Ok(bytes) if !bytes.is_empty() => String::from_utf8_lossy(&bytes).trim().to_owned(),
        _ => status.canonical_reason().unwrap_or("error").to_owned(),
    };
    let json = ApiErrorBody { error: text, position: None, errors: Vec::new() };
    let body = serde_json::to_vec(&json).unwrap_or_default();
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}
