//! Copying the raw JWT out of mode 9 (to paste into a decoder or an SDK). The app only asks;
//! the TUI entry writes the file and, when the learner asked for it, the clipboard (OSC 52),
//! then tells the app what it did. Nothing is put on the clipboard unasked.

use super::App;
use crate::scenario::model::TokenKind;
use crate::words::Word;

/// A token the learner asked to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenExport {
    /// Which token.
    pub kind: TokenKind,
    /// The lesson's id (names the file).
    pub lesson: String,
    /// The compact JWT.
    pub token: String,
    /// Put it on the terminal's clipboard too (OSC 52).
    pub clipboard: bool,
}

impl TokenExport {
    /// The file name it is written to, e.g. `signin-basic-access-token.jwt`.
    #[must_use]
    pub fn file_name(&self) -> String {
        let kind = match self.kind {
            TokenKind::Id => "id",
            TokenKind::Access => "access",
            TokenKind::Refresh => "refresh",
        };
        format!("{}-{kind}-token.jwt", self.lesson)
    }

    /// "ID token", "access token", "refresh token" (the word naming it).
    #[must_use]
    pub fn kind_word(&self) -> Word {
        match self.kind {
            TokenKind::Id => Word::TokenKindId,
            TokenKind::Access => Word::TokenKindAccess,
            TokenKind::Refresh => Word::TokenKindRefresh,
        }
    }

    /// True when the token is only base64url and dots, so it can go into a file and a
    /// terminal escape without any risk.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        !self.token.is_empty()
            && self
                .token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    }
}

impl App {
    /// Queues the token mode 9 shows for copying (`y`: to a file; `Y`: the clipboard too),
    /// or says there is none.
    pub(crate) fn export_token(&mut self, clipboard: bool) {
        let kind = self.token_kind();
        let token = self.frame().and_then(|f| match kind {
            TokenKind::Id => f.tokens.id.clone(),
            TokenKind::Access => f.tokens.access.clone(),
            TokenKind::Refresh => f.tokens.refresh.clone(),
        });
        match token {
            Some(token) => self.exports.push(TokenExport {
                kind,
                lesson: self.scenario.file.scenario.id.clone(),
                token,
                clipboard,
            }),
            None => {
                let words = self.scenario.words();
                self.status = Some(words.get(Word::TokenNoneToCopy).to_owned());
            }
        }
    }

    /// Takes the tokens waiting to be copied, oldest first.
    pub fn take_exports(&mut self) -> Vec<TokenExport> {
        std::mem::take(&mut self.exports)
    }
}
