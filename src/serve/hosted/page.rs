//! The hosted UI's pages: plain server-rendered HTML and CSS, no script, no external asset.
//!
//! Accessible by construction: every field has a `<label>`, the fields come in reading order
//! (so Tab goes username, password, button), the first field has focus, and an error is a
//! `role="alert"` paragraph the fields point to with `aria-describedby`. Every value from a
//! request is shown through [`escape`] (HTML-escaped, control and bidi characters made
//! visible), never raw. The words are rows of the app's word table ([`crate::words`]), in the
//! page's language (managed login's `lang`, picked in [`super`]).

use crate::sanitize;
use crate::words::{Word, Words};

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
    let word = |w| escape(words.get(w));
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n\
         <footer><p>{footer}</p></footer>\n</body>\n</html>\n",
        lang = words.language().tag(),
        title = escape(title),
        footer = word(Word::HostedFooter),
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
                escape(words.get(Word::HostedErrorPrefix)),
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
        heading = escape(words.get(Word::HostedSignIn)),
        lead = escape(words.get(Word::HostedSignInLead)),
        hidden = hidden(params, csrf),
        user = escape(words.get(Word::HostedUsername)),
        value = escape(username),
        pass = escape(words.get(Word::HostedPassword)),
        submit = escape(words.get(Word::HostedSubmit)),
    );
    document(words, words.get(Word::HostedSignIn), &body)
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
            Word::HostedNewPasswordHeading,
            Word::HostedNewPasswordLead,
            Word::HostedNewPasswordField,
            "new_password",
            "password",
            "new-password",
            Word::HostedNewPasswordSubmit,
        ),
        ChallengePage::Totp => (
            Word::HostedTotpHeading,
            Word::HostedTotpLead,
            Word::HostedTotpField,
            "code",
            "text\" inputmode=\"numeric",
            "one-time-code",
            Word::HostedTotpSubmit,
        ),
    };
    let body = format!(
        "<h1>{heading}</h1>\n<p>{lead}</p>\n{alert}\
         <form method=\"post\" action=\"/login\" novalidate>\n{hidden}\
         <input type=\"hidden\" name=\"session\" value=\"{session}\">\n\
         <label for=\"{field}\">{label}</label>\n\
         <input id=\"{field}\" name=\"{field}\" type=\"{kind}\" autocomplete=\"{autocomplete}\" required autofocus{invalid}>\n\
         <button type=\"submit\">{submit}</button>\n</form>\n",
        heading = escape(words.get(heading)),
        lead = escape(words.get(lead)),
        hidden = hidden(params, csrf),
        session = escape(session),
        label = escape(words.get(label)),
        submit = escape(words.get(submit)),
    );
    document(words, words.get(heading), &body)
}

/// The error page: shown instead of a redirect when the browser can't be trusted anywhere.
#[must_use]
pub fn error(words: &Words, code: &str, detail: &str) -> String {
    let body = format!(
        "<h1>{heading}</h1>\n<p class=\"error\" role=\"alert\"><code>{code}</code></p>\n<p>{detail}</p>\n",
        heading = escape(words.get(Word::HostedErrorHeading)),
        code = escape(code),
        detail = escape(detail),
    );
    document(words, words.get(Word::HostedErrorHeading), &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::Language;

    fn words(language: Language) -> Words {
        Words::new(language, &std::collections::BTreeMap::new())
    }

    #[test]
    fn every_value_is_escaped_and_no_script_or_external_asset_appears() {
        let hostile = "\"><script>alert(1)</script>\u{1b}[2J\u{202e}";
        let page = login(
            &words(Language::En),
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
        let page = login(
            &words(Language::En),
            &[],
            "tok",
            "",
            Some("Incorrect username or password."),
        );
        let user = page.find("id=\"username\"").unwrap();
        let pass = page.find("id=\"password\"").unwrap();
        let button = page.find("<button").unwrap();
        assert!(user < pass && pass < button);
        assert!(page.contains("<label for=\"username\">Username</label>"));
        assert!(page.contains("<label for=\"password\">Password</label>"));
        assert!(page.contains("role=\"alert\">Error: Incorrect username or password.</p>"));
        assert!(page.contains("aria-describedby=\"error\""));
        assert!(page.contains("<html lang=\"en\">"));
        let clean = login(&words(Language::En), &[], "tok", "", None);
        assert!(!clean.contains("role=\"alert\"") && !clean.contains("aria-invalid=\"true\""));
    }

    #[test]
    fn a_spanish_page_speaks_spanish_and_keeps_cognitos_message_in_english() {
        let page = login(
            &words(Language::Es),
            &[],
            "tok",
            "",
            Some("Incorrect username or password."),
        );
        assert!(page.contains("<html lang=\"es\">"));
        assert!(page.contains("<label for=\"username\">Nombre de usuario</label>"));
        assert!(page.contains("<label for=\"password\">Contraseña</label>"));
        assert!(page.contains("role=\"alert\">Error: Incorrect username or password.</p>"));
        let totp = challenge(
            &words(Language::Es),
            ChallengePage::Totp,
            &[],
            "tok",
            "sess",
            None,
        );
        assert!(totp.contains("<title>Introduce el código de tu autenticador</title>"));
        assert!(totp.contains("autocomplete=\"one-time-code\""));
    }
}
