//! The hosted UI's pages: plain server-rendered HTML and CSS, no script, no external asset.
//!
//! Accessible by construction: every field has a `<label>`, the fields come in reading order
//! (so Tab goes username, password, button), the first field has focus, and an error is a
//! `role="alert"` paragraph the fields point to with `aria-describedby`. Every value from a
//! request is shown through [`escape`] (HTML-escaped, control and bidi characters made
//! visible), never raw.

use crate::sanitize;

/// The words of the pages, in one table (the lessons' message tables can take it over).
pub struct Words {
    /// `<html lang>`.
    pub lang: &'static str,
    /// The sign-in page's heading.
    pub sign_in: &'static str,
    /// Under the heading.
    pub sign_in_lead: &'static str,
    /// The username field.
    pub username: &'static str,
    /// The password field.
    pub password: &'static str,
    /// The sign-in button.
    pub submit: &'static str,
    /// The new-password page's heading.
    pub new_password_heading: &'static str,
    /// Under it.
    pub new_password_lead: &'static str,
    /// The field.
    pub new_password: &'static str,
    /// Its button.
    pub new_password_submit: &'static str,
    /// The authenticator page's heading.
    pub totp_heading: &'static str,
    /// Under it.
    pub totp_lead: &'static str,
    /// The field.
    pub totp_code: &'static str,
    /// Its button.
    pub totp_submit: &'static str,
    /// The error page's heading.
    pub error_heading: &'static str,
    /// Before an error message.
    pub error_prefix: &'static str,
    /// The footer: what this page is.
    pub footer: &'static str,
}

/// English, the only language the lessons have yet.
pub const EN: Words = Words {
    lang: "en",
    sign_in: "Sign in",
    sign_in_lead: "Sign in with your username and password.",
    username: "Username",
    password: "Password",
    submit: "Sign in",
    new_password_heading: "Change your password",
    new_password_lead: "Your temporary password has to be replaced before you can sign in.",
    new_password: "New password",
    new_password_submit: "Change password and sign in",
    totp_heading: "Enter your authenticator code",
    totp_lead: "Type the 6-digit code your authenticator app shows now.",
    totp_code: "Code",
    totp_submit: "Verify and sign in",
    error_heading: "An error was encountered with the requested page.",
    error_prefix: "Error:",
    footer: "cogflow serve: the managed login page of a mock Amazon Cognito user pool.",
};

const STYLE: &str = "\
*{box-sizing:border-box}\
body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;background:#f2f3f3;color:#16191f}\
main{max-width:26rem;margin:3rem auto;padding:2rem;background:#fff;border:1px solid #d5dbdb;border-radius:8px}\
h1{font-size:1.5rem;margin:0 0 .5rem}\
p{margin:.25rem 0 1rem}\
label{display:block;font-weight:600;margin:1rem 0 .25rem}\
input{width:100%;padding:.6rem;font:inherit;border:1px solid #687078;border-radius:4px}\
input:focus,button:focus{outline:3px solid #0972d3;outline-offset:2px}\
input[aria-invalid=true]{border-color:#d91515}\
button{margin-top:1.5rem;width:100%;padding:.7rem;font:inherit;font-weight:700;color:#fff;background:#0972d3;border:0;border-radius:4px;cursor:pointer}\
.error{color:#d91515;background:#fff7f7;border:1px solid #d91515;border-radius:4px;padding:.6rem}\
footer{max-width:26rem;margin:0 auto;color:#414d5c;font-size:.85rem;text-align:center}\
code{word-break:break-all}";

/// HTML-escapes `text` as one line: a newline in a value (a field, a URL) is shown escaped
/// too, like every other control or bidi character ([`crate::page::escape`] keeps newlines).
#[must_use]
pub fn escape(text: &str) -> String {
    crate::page::escape(&sanitize::line(text))
}

fn document(words: &Words, title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n\
         <footer><p>{footer}</p></footer>\n</body>\n</html>\n",
        lang = words.lang,
        title = escape(title),
        footer = escape(words.footer),
    )
}

/// A hidden field for each authorize parameter and the CSRF token, so the form posts back
/// what the page was opened with.
fn hidden(params: &[(&str, &str)], csrf: &str) -> String {
    let mut out = String::new();
    for (name, value) in params {
        out.push_str(&format!(
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">\n",
            escape(name),
            escape(value)
        ));
    }
    out.push_str(&format!(
        "<input type=\"hidden\" name=\"_csrf\" value=\"{}\">\n",
        escape(csrf)
    ));
    out
}

/// The error paragraph (announced: `role="alert"`) and what the fields say about it.
fn error_parts(words: &Words, error: Option<&str>) -> (String, &'static str) {
    match error {
        Some(message) => (
            format!(
                "<p class=\"error\" id=\"error\" role=\"alert\">{} {}</p>\n",
                escape(words.error_prefix),
                escape(message)
            ),
            " aria-invalid=\"true\" aria-describedby=\"error\"",
        ),
        None => (String::new(), ""),
    }
}

/// The sign-in page, posting to `/login` with `params` (the authorize request's).
#[must_use]
pub fn login(
    words: &Words,
    params: &[(&str, &str)],
    csrf: &str,
    username: &str,
    error: Option<&str>,
) -> String {
    let (alert, invalid) = error_parts(words, error);
    let body = format!(
        "<h1>{heading}</h1>\n<p>{lead}</p>\n{alert}\
         <form method=\"post\" action=\"/login\" novalidate>\n{hidden}\
         <label for=\"username\">{user}</label>\n\
         <input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" \
         autocapitalize=\"none\" spellcheck=\"false\" required autofocus value=\"{value}\"{invalid}>\n\
         <label for=\"password\">{pass}</label>\n\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required{invalid}>\n\
         <button type=\"submit\">{submit}</button>\n</form>\n",
        heading = escape(words.sign_in),
        lead = escape(words.sign_in_lead),
        hidden = hidden(params, csrf),
        user = escape(words.username),
        value = escape(username),
        pass = escape(words.password),
        submit = escape(words.submit),
    );
    document(words, words.sign_in, &body)
}

/// Which challenge page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengePage {
    /// NEW_PASSWORD_REQUIRED.
    NewPassword,
    /// SOFTWARE_TOKEN_MFA.
    Totp,
}

/// A challenge page: the session travels in a hidden field.
#[must_use]
pub fn challenge(
    words: &Words,
    page: ChallengePage,
    params: &[(&str, &str)],
    csrf: &str,
    session: &str,
    error: Option<&str>,
) -> String {
    let (alert, invalid) = error_parts(words, error);
    let (heading, lead, label, field, kind, autocomplete, submit) = match page {
        ChallengePage::NewPassword => (
            words.new_password_heading,
            words.new_password_lead,
            words.new_password,
            "new_password",
            "password",
            "new-password",
            words.new_password_submit,
        ),
        ChallengePage::Totp => (
            words.totp_heading,
            words.totp_lead,
            words.totp_code,
            "code",
            "text\" inputmode=\"numeric",
            "one-time-code",
            words.totp_submit,
        ),
    };
    let body = format!(
        "<h1>{heading}</h1>\n<p>{lead}</p>\n{alert}\
         <form method=\"post\" action=\"/login\" novalidate>\n{hidden}\
         <input type=\"hidden\" name=\"session\" value=\"{session}\">\n\
         <label for=\"{field}\">{label}</label>\n\
         <input id=\"{field}\" name=\"{field}\" type=\"{kind}\" autocomplete=\"{autocomplete}\" required autofocus{invalid}>\n\
         <button type=\"submit\">{submit}</button>\n</form>\n",
        heading = escape(heading),
        lead = escape(lead),
        hidden = hidden(params, csrf),
        session = escape(session),
        label = escape(label),
        submit = escape(submit),
    );
    document(words, heading, &body)
}

/// The error page: shown instead of a redirect when the browser can't be trusted anywhere.
#[must_use]
pub fn error(words: &Words, code: &str, detail: &str) -> String {
    let body = format!(
        "<h1>{heading}</h1>\n<p class=\"error\" role=\"alert\"><code>{code}</code></p>\n<p>{detail}</p>\n",
        heading = escape(words.error_heading),
        code = escape(code),
        detail = escape(detail),
    );
    document(words, words.error_heading, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_escaped_and_no_script_or_external_asset_appears() {
        let hostile = "\"><script>alert(1)</script>\u{1b}[2J\u{202e}";
        let page = login(
            &EN,
            &[("state", hostile), ("redirect_uri", "https://a/?x=1&y=2")],
            "tok",
            hostile,
            Some(hostile),
        );
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains('\u{1b}') && !page.contains('\u{202e}'));
        assert!(page.contains("&quot;&gt;&lt;script&gt;"));
        assert!(page.contains("https://a/?x=1&amp;y=2"));
        for external in ["http://", "https://cdn", "src=", "<link"] {
            let outside_values = page.replace("https://a/?x=1&amp;y=2", "");
            assert!(!outside_values.contains(external), "{external}");
        }
    }

    #[test]
    fn fields_are_labelled_in_reading_order_and_errors_are_announced() {
        let page = login(&EN, &[], "tok", "", Some("Incorrect username or password."));
        let user = page.find("id=\"username\"").unwrap();
        let pass = page.find("id=\"password\"").unwrap();
        let button = page.find("<button").unwrap();
        assert!(user < pass && pass < button);
        assert!(page.contains("<label for=\"username\">Username</label>"));
        assert!(page.contains("<label for=\"password\">Password</label>"));
        assert!(page.contains("role=\"alert\">Error: Incorrect username or password.</p>"));
        assert!(page.contains("aria-describedby=\"error\""));
        assert!(page.contains("<html lang=\"en\">"));
        let clean = login(&EN, &[], "tok", "", None);
        assert!(!clean.contains("role=\"alert\"") && !clean.contains("aria-invalid=\"true\""));
    }
}
