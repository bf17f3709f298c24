//! `SmtpUrl`: the SMTP URL forms of the CLI contract, parsed once, printed without password.

use std::fmt;
use std::str::FromStr;

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

use super::DeliveryError;

/// What the URL forms look like, for error messages.
const EXPECTED: &str = "smtp://host:port (no TLS), smtp://host:587?tls=starttls or \
                        smtps://user:password@host:465, with user and password percent-encoded";

/// Characters escaped in a user name when a URL is printed again (RFC 3986 userinfo).
const USERINFO: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b':')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'@')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// How the connection to the server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Security {
    /// Plain SMTP (`smtp://`), for a local relay or a test server; default port 25.
    None,
    /// Plain SMTP upgraded with STARTTLS before anything else is said (`?tls=starttls`); the
    /// send fails when the server does not offer it. Default port 587.
    StartTls,
    /// TLS from the first byte (`smtps://`); default port 465.
    Implicit,
}

/// A parsed SMTP URL: where to connect, how, and with which credentials.
///
/// `Debug` and `Display` print [`SmtpUrl::masked`], so a password never lands in a log.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl {
    /// The host name or IP address (IPv6 without brackets).
    pub host: String,
    /// The port, explicit or the default of the form.
    pub port: u16,
    /// Plain, STARTTLS or implicit TLS.
    pub security: Security,
    /// The user name to log in with, percent-decoded.
    pub user: Option<String>,
    /// The password, percent-decoded; only with a user.
    pub password: Option<String>,
}

impl SmtpUrl {
    /// The URL with the password replaced by `***`, for messages and logs:
    /// `smtps://info%40bakker.nl:***@smtp.example.nl:465`.
    pub fn masked(&self) -> String {
        let scheme = match self.security {
            Security::Implicit => "smtps",
            Security::None | Security::StartTls => "smtp",
        };
        let userinfo = match (&self.user, &self.password) {
            (Some(user), Some(_)) => format!("{}:***@", utf8_percent_encode(user, USERINFO)),
            (Some(user), None) => format!("{}@", utf8_percent_encode(user, USERINFO)),
            (None, _) => String::new(),
        };
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let query = match self.security {
            Security::StartTls => "?tls=starttls",
            Security::None | Security::Implicit => "",
        };
        format!("{scheme}://{userinfo}{host}:{}{query}", self.port)
    }

    /// `host:port`, naming the server in error messages.
    pub fn server(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

impl fmt::Display for SmtpUrl {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.masked())
    }
}

impl fmt::Debug for SmtpUrl {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "SmtpUrl({})", self.masked())
    }
}

impl FromStr for SmtpUrl {
    type Err = DeliveryError;

    /// Reads `smtp://host[:port]` (no TLS, port 25), `smtp://host[:port]?tls=starttls` (port
    /// 587; `tls=required` is accepted as lettre's word for it) and
    /// `smtps://[user[:password]@]host[:port]` (implicit TLS, port 465).
    ///
    /// # Errors
    /// [`DeliveryError::Url`] with the URL (password masked) and the forms expected.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let refuse = |why: &str| DeliveryError::Url {
            url: mask_raw(text),
            expected: format!("{EXPECTED} ({why})"),
        };
        let parsed = url::Url::parse(text).map_err(|error| refuse(&error.to_string()))?;
        let mut security = match parsed.scheme() {
            "smtp" => Security::None,
            "smtps" => Security::Implicit,
            other => {
                return Err(refuse(&format!(
                    "the scheme is {other}:, not smtp: or smtps:"
                )));
            }
        };
        let host = match parsed.host_str() {
            Some(host) if !host.is_empty() => host.trim_start_matches('[').trim_end_matches(']'),
            _ => return Err(refuse("no host name")),
        };
        if !matches!(parsed.path(), "" | "/") {
            return Err(refuse(&format!(
                "nothing may follow the port but ?tls=starttls, found {}",
                parsed.path()
            )));
        }
        if parsed.fragment().is_some() {
            return Err(refuse("a # fragment is not part of an SMTP URL"));
        }
        let mut seen_tls = false;
        for (key, value) in parsed.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", _) if seen_tls => return Err(refuse("tls is given twice")),
                ("tls", "starttls" | "required") if security == Security::None => {
                    security = Security::StartTls;
                    seen_tls = true;
                }
                ("tls", _) if security == Security::Implicit => {
                    return Err(refuse(
                        "smtps: is TLS from the start; ?tls= only goes with smtp:",
                    ));
                }
                ("tls", other) => {
                    return Err(refuse(&format!("tls={other} is not tls=starttls")));
                }
                (other, _) => return Err(refuse(&format!("unknown parameter {other}"))),
            }
        }
        let user = decode(parsed.username()).ok_or_else(|| refuse("the user is not UTF-8"))?;
        let password = match parsed.password() {
            Some(password) => {
                Some(decode(password).ok_or_else(|| refuse("the password is not UTF-8"))?)
            }
            None => None,
        };
        if user.is_empty() && password.is_some() {
            return Err(refuse("a password without a user name"));
        }
        let default_port = match security {
            Security::None => 25,
            Security::StartTls => 587,
            Security::Implicit => 465,
        };
        Ok(SmtpUrl {
            host: host.to_owned(),
            port: parsed.port().unwrap_or(default_port),
            security,
            user: (!user.is_empty()).then_some(user),
            password,
        })
    }
}

/// Percent-decodes a user name or password; `None` when it is not UTF-8.
fn decode(text: &str) -> Option<String> {
    percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(|decoded| decoded.into_owned())
}

/// Masks the password in a URL that may not even parse: whatever follows the first `:` of the
/// user part (before the last `@` of the authority) becomes `***`.
fn mask_raw(text: &str) -> String {
    let authority_start = text.find("://").map_or(0, |index| index + 3);
    let rest = &text[authority_start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return text.to_owned();
    };
    let userinfo = &authority[..at];
    let Some(colon) = userinfo.find(':') else {
        return text.to_owned();
    };
    format!(
        "{}{}:***{}",
        &text[..authority_start],
        &userinfo[..colon],
        &text[authority_start + at..]
    )
}
