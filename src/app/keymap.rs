//! The one key table. [`BINDINGS`] drives key handling ([`message_for`]), the footer's hints
//! ([`footer`]) and the `?` overlay ([`help_sections`]), so they can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{Layer, Message, Mode};
use crate::words::{Word, Words};

/// What a key does (the data-less part of a [`Message`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Next step.
    Next,
    /// Previous step.
    Back,
    /// First step.
    First,
    /// Last step.
    Last,
    /// Cycle main path → each variant → main.
    NextVariant,
    /// The same cycle backwards.
    PrevVariant,
    /// Open or close the help overlay.
    Help,
    /// Close the help overlay.
    CloseHelp,
    /// Quit.
    Quit,
    /// Esc on the lesson: back out of what is open (nothing is: say that q quits).
    Escape,
    /// Next mode.
    NextMode,
    /// Previous mode.
    PrevMode,
    /// A digit 1-9: switch mode ([`Message::ModeDigit`]).
    ModeDigit,
    /// `:` : start typing a step number.
    JumpStart,
    /// A digit of the step number ([`Message::JumpDigit`]).
    JumpDigit,
    /// Go to the typed step.
    JumpConfirm,
    /// Forget the typed step number.
    JumpCancel,
    /// Delete the last typed digit.
    JumpBackspace,
    /// Scroll up a line.
    ScrollUp,
    /// Scroll down a line.
    ScrollDown,
    /// Scroll up a page.
    PageUp,
    /// Scroll down a page.
    PageDown,
    /// Mode 3: scroll the request and response up.
    PanelUp,
    /// Mode 3: scroll the request and response down.
    PanelDown,
    /// Select the choice above.
    QuizUp,
    /// Select the choice below.
    QuizDown,
    /// Select a choice by letter ([`Message::QuizLetter`]).
    QuizLetter,
    /// Answer with the selected choice.
    QuizAnswer,
    /// Give up on the question: show the answer.
    QuizReveal,
    /// Show the step the question is about.
    QuizShowStep,
    /// Next question.
    QuizNextQuestion,
    /// Previous question.
    QuizPrevQuestion,
    /// First question (Home in the quiz: the step is hidden, so it never moves).
    QuizFirstQuestion,
    /// Last question.
    QuizLastQuestion,
    /// Show the current question's next hint without answering.
    QuizHint,
    /// After the last question: start the missed questions over.
    QuizRetryMissed,
    /// After the last question: start every question over.
    QuizRetryAll,
    /// Leave the step a question sent the learner to and go back to that question.
    BackToQuiz,
    /// Select the prediction's choice above.
    PredictUp,
    /// Select the prediction's choice below.
    PredictDown,
    /// Select a prediction's choice by letter ([`Message::PredictLetter`]).
    PredictLetter,
    /// Answer the prediction with the selected choice, then show the step.
    PredictAnswer,
    /// Show the step without predicting.
    PredictSkip,
    /// Not now: stay on the step before the prediction.
    PredictCancel,
    /// Show the other JWT (ID ↔ access).
    TokenSwitch,
    /// Write the JWT shown to a file (named on screen).
    CopyToken,
    /// The same, and put it on the clipboard (OSC 52).
    ClipToken,
    /// Open the "try it" form.
    TryOpen,
    /// Type into the form ([`Message::Type`]).
    FormType,
    /// Delete the last character.
    FormBackspace,
    /// Move to the next field.
    FormNextField,
    /// Move to the field before.
    FormPrevField,
    /// Show or hide the password.
    FormReveal,
    /// Run the flow with the typed inputs.
    FormSubmit,
    /// Leave the form.
    FormClose,
    /// A live session under `--step`: let the held call go on to its next phase.
    Resume,
    /// A live session: move the served clock a minute forward.
    ClockMinute,
    /// A live session: move the served clock an hour forward.
    ClockHour,
    /// `b`: the list of the lesson's branches.
    OpenBranches,
    /// `L`: the list of lessons.
    OpenLessons,
    /// Highlight the entry above in a list.
    ListUp,
    /// Highlight the entry below in a list.
    ListDown,
    /// Take the highlighted entry: show that branch, open that lesson.
    ListTake,
    /// Close the list (or go back from a comparison to the branch list).
    ListClose,
    /// Compare the highlighted branch with the one shown, side by side.
    CompareOpen,
    /// A lab: the lab panel, or the calls shown as steps in the lesson's modes.
    LabToggle,
    /// The lab panel: the next language's code sample.
    LabLanguage,
    /// The lab panel: copy the script so far to a file.
    LabCopy,
    /// The same, and to the clipboard (OSC 52).
    LabClip,
    /// Type into the learner's name ([`Message::Type`]).
    NameType,
    /// Delete the name's last character.
    NameBackspace,
    /// Keep the typed name.
    NameKeep,
    /// Go on without a name (not asked again this run).
    NameSkip,
    /// `R`: start the lesson over (asks first).
    StartOver,
    /// `y` in a confirmation: do it.
    ConfirmYes,
    /// Esc or `n` in a confirmation: keep things as they are.
    ConfirmNo,
}

/// A key, or a class of keys, a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// This key with no Ctrl/Alt.
    Key(KeyCode),
    /// Ctrl and this letter.
    Ctrl(char),
    /// Digits 1 to 9.
    ModeDigits,
    /// Digits 0 to 9.
    Digits,
    /// Letters a to f (quiz choices), either case.
    Letters,
    /// Any printable character.
    Printable,
}

impl Pattern {
    /// True when every key `other` answers to, this answers to too (digits 0-9 cover 1-9:
    /// a step number being typed takes the mode digits).
    fn covers(self, other: Pattern) -> bool {
        let char_in = |c: char| match self {
            Pattern::Printable => !c.is_control(),
            Pattern::Digits => c.is_ascii_digit(),
            Pattern::ModeDigits => matches!(c, '1'..='9'),
            Pattern::Letters => matches!(c, 'a'..='f' | 'A'..='F'),
            Pattern::Key(code) => code == KeyCode::Char(c),
            Pattern::Ctrl(_) => false,
        };
        match other {
            _ if self == other => true,
            Pattern::Key(KeyCode::Char(c)) => char_in(c),
            Pattern::ModeDigits => matches!(self, Pattern::Digits | Pattern::Printable),
            Pattern::Digits | Pattern::Letters => self == Pattern::Printable,
            Pattern::Key(_) | Pattern::Ctrl(_) | Pattern::Printable => false,
        }
    }

    fn matches(self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match self {
            Pattern::Key(code) => !ctrl && !alt && key.code == code,
            Pattern::Ctrl(c) => ctrl && key.code == KeyCode::Char(c),
            Pattern::ModeDigits => !ctrl && !alt && matches!(key.code, KeyCode::Char('1'..='9')),
            Pattern::Digits => !ctrl && !alt && matches!(key.code, KeyCode::Char('0'..='9')),
            Pattern::Letters => {
                !ctrl && !alt && matches!(key.code, KeyCode::Char('a'..='f' | 'A'..='F'))
            }
            Pattern::Printable => {
                !ctrl && !alt && matches!(key.code, KeyCode::Char(c) if !c.is_control())
            }
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Any mode (unless an overlay, the form or a step number takes the key first).
    Global,
    /// Only in this mode.
    Mode(Mode),
    /// While a step number is being typed.
    Jump,
    /// While the "try it" form has the keyboard.
    Editing,
    /// While the quiz asks the learner's name (every printable key types, `q` too).
    Naming,
    /// While a confirmation is asked ("Start this lesson over?").
    Confirm,
    /// While the help overlay is open.
    Help,
    /// While a prediction is asked before a step (in the modes that show the step).
    Predict,
    /// In a step the quiz sent the learner to ("jump to the step this is about").
    Detour,
    /// Mode 6 showing the summary after the last question.
    QuizSummary,
    /// Mode 6 with the question on screen answered (right, or revealed): Enter goes on.
    QuizAnswered,
    /// A live session (`cogflow serve`), in any mode.
    Live,
    /// A live session with a call held by `--step`, its newest call on screen.
    Holding,
    /// The branch list (`b`) is open.
    Branches,
    /// The lesson list (`L`) is open.
    Lessons,
    /// Two branches are side by side.
    Compare,
    /// A lab's panel on screen (`cogflow serve LAB`).
    Lab,
    /// A lab whose calls are on screen, its panel put away.
    LabCalls,
}

impl Context {
    /// True for the keys of `cogflow serve` alone (its live session, a held call, a lab): a
    /// lesson's help leaves them out.
    #[must_use]
    pub fn serve_only(self) -> bool {
        matches!(
            self,
            Context::Live | Context::Holding | Context::Lab | Context::LabCalls
        )
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys.
    pub keys: &'static [Pattern],
    /// How help and the footer write the keys, e.g. "→ l Space".
    pub shown: &'static str,
    /// What it does, for help.
    pub does: &'static str,
    /// A two-word version for the footer; empty to leave it out of the footer.
    pub hint: &'static str,
    /// The command.
    pub command: Command,
    /// Where it applies.
    pub context: Context,
}

impl Binding {
    /// How the footer writes the keys: the first of them, or both of a pair ("↑↓" where ↑
    /// and ↓ do the two halves of one thing, "[ ]" for mode 3's request).
    #[must_use]
    pub fn footer_keys(&self) -> &'static str {
        match self.command {
            Command::ScrollUp | Command::QuizUp | Command::PredictUp | Command::ListUp => "↑↓",
            Command::PanelDown => "[ ]",
            _ => self.shown.split_whitespace().next().unwrap_or(self.shown),
        }
    }
}

const fn bind(
    keys: &'static [Pattern],
    shown: &'static str,
    does: &'static str,
    hint: &'static str,
    command: Command,
    context: Context,
) -> Binding {
    Binding {
        keys,
        shown,
        does,
        hint,
        command,
        context,
    }
}

use Command as C;
use Context as X;
use Pattern as P;

/// Every key binding. Order matters within a context (first match wins) and is the order of
/// the footer and the help overlay.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // The help overlay takes every key while it is open.
    bind(&[P::Key(KeyCode::Char('?')), P::Key(KeyCode::Esc)], "? Esc", "close this help", "close",
        C::CloseHelp, X::Help),
    bind(&[P::Key(KeyCode::Up), P::Key(KeyCode::Char('k'))], "↑ k", "scroll this help up", "scroll",
        C::ScrollUp, X::Help),
    bind(&[P::Key(KeyCode::Down), P::Key(KeyCode::Char('j'))], "↓ j", "scroll this help down", "",
        C::ScrollDown, X::Help),
    bind(&[P::Key(KeyCode::PageUp)], "PgUp", "scroll up a page", "", C::PageUp, X::Help),
    bind(&[P::Key(KeyCode::PageDown)], "PgDn", "scroll down a page", "", C::PageDown, X::Help),
    bind(&[P::Key(KeyCode::Char('q')), P::Ctrl('c')], "q Ctrl-C", "quit", "quit", C::Quit,
        X::Help),
    // The "try it" form takes typing while it is open.
    bind(&[P::Key(KeyCode::Enter)], "Enter", "run the flow with these inputs", "run",
        C::FormSubmit, X::Editing),
    bind(&[P::Key(KeyCode::Tab), P::Key(KeyCode::Down)], "Tab ↓", "next field", "field",
        C::FormNextField, X::Editing),
    bind(&[P::Key(KeyCode::BackTab), P::Key(KeyCode::Up)], "Shift-Tab ↑", "field before", "",
        C::FormPrevField, X::Editing),
    bind(&[P::Ctrl('r')], "Ctrl-R", "show or hide the passwords", "reveal", C::FormReveal,
        X::Editing),
    bind(&[P::Key(KeyCode::Backspace)], "Backspace", "delete a character", "",
        C::FormBackspace, X::Editing),
    bind(&[P::Key(KeyCode::Esc)], "Esc", "leave the form", "leave", C::FormClose, X::Editing),
    bind(&[P::Ctrl('c')], "Ctrl-C", "quit", "quit", C::Quit, X::Editing),
    bind(&[P::Printable], "letters", "type", "", C::FormType, X::Editing),
    // The learner's name, asked on the first visit to the quiz: typing as in the form.
    bind(&[P::Key(KeyCode::Enter)], "Enter", "keep this name (recorded with your answers)",
        "keep name", C::NameKeep, X::Naming),
    bind(&[P::Key(KeyCode::Backspace)], "Backspace", "delete a character", "",
        C::NameBackspace, X::Naming),
    bind(&[P::Key(KeyCode::Esc)], "Esc", "go on without a name (not asked again)", "no name",
        C::NameSkip, X::Naming),
    bind(&[P::Ctrl('c')], "Ctrl-C", "quit", "quit", C::Quit, X::Naming),
    bind(&[P::Printable], "letters", "type", "", C::NameType, X::Naming),
    // A question before something that forgets (start over): it takes every key.
    bind(&[P::Key(KeyCode::Char('y'))], "y", "yes: do it (start over)", "yes", C::ConfirmYes,
        X::Confirm),
    bind(&[P::Key(KeyCode::Esc), P::Key(KeyCode::Char('n'))], "Esc n",
        "no: keep everything as it is", "no", C::ConfirmNo, X::Confirm),
    bind(&[P::Key(KeyCode::Char('q')), P::Ctrl('c')], "q Ctrl-C", "quit", "quit", C::Quit,
        X::Confirm),
    // A step number being typed after `:` (other keys forget it and do their own thing).
    bind(&[P::Key(KeyCode::Enter)], "Enter", "go to the typed step", "go", C::JumpConfirm,
        X::Jump),
    bind(&[P::Digits], "0-9", "type the step number", "", C::JumpDigit, X::Jump),
    bind(&[P::Key(KeyCode::Backspace)], "Backspace", "delete a digit", "", C::JumpBackspace,
        X::Jump),
    bind(&[P::Key(KeyCode::Esc)], "Esc", "forget the step number", "cancel", C::JumpCancel,
        X::Jump),
    // The branch list, two branches side by side, the lesson list: they take every key.
    bind(&[P::Key(KeyCode::Up), P::Key(KeyCode::Char('k'))], "↑ k", "select the branch above",
        "choose", C::ListUp, X::Branches),
    bind(&[P::Key(KeyCode::Down), P::Key(KeyCode::Char('j'))], "↓ j", "select the branch below",
        "", C::ListDown, X::Branches),
    bind(&[P::Key(KeyCode::Enter)], "Enter", "show the selected branch at the same step", "switch",
        C::ListTake, X::Branches),
    bind(&[P::Key(KeyCode::Char('c'))], "c",
        "compare the selected branch with the one shown, side by side", "compare", C::CompareOpen,
        X::Branches),
    bind(&[P::Key(KeyCode::Esc), P::Key(KeyCode::Char('b'))], "Esc b", "close the branch list",
        "close", C::ListClose, X::Branches),
    bind(&[P::Key(KeyCode::Char('q')), P::Ctrl('c')], "q Ctrl-C", "quit", "quit", C::Quit,
        X::Branches),
    bind(&[P::Key(KeyCode::Up), P::Key(KeyCode::Char('k')), P::Key(KeyCode::Left),
        P::Key(KeyCode::Char('h'))], "↑ k ← h", "the step above", "choose", C::ListUp, X::Compare),
    bind(&[P::Key(KeyCode::Down), P::Key(KeyCode::Char('j')), P::Key(KeyCode::Right),
        P::Key(KeyCode::Char('l'))], "↓ j → l", "the step below", "", C::ListDown, X::Compare),
    bind(&[P::Key(KeyCode::Enter)], "Enter", "show the selected step on the other branch",
        "switch", C::ListTake, X::Compare),
    bind(&[P::Key(KeyCode::Esc), P::Key(KeyCode::Char('c'))], "Esc c", "back to the branch list",
        "back", C::ListClose, X::Compare),
    bind(&[P::Key(KeyCode::Char('q')), P::Ctrl('c')], "q Ctrl-C", "quit", "quit", C::Quit,
        X::Compare),
    bind(&[P::Key(KeyCode::Up), P::Key(KeyCode::Char('k'))], "↑ k", "select the lesson above",
        "choose", C::ListUp, X::Lessons),
    bind(&[P::Key(KeyCode::Down), P::Key(KeyCode::Char('j'))], "↓ j", "select the lesson below",
        "", C::ListDown, X::Lessons),
    bind(&[P::Key(KeyCode::Enter)], "Enter", "open the selected lesson here", "open",
        C::ListTake, X::Lessons),
    bind(&[P::Key(KeyCode::Esc), P::Key(KeyCode::Char('L'))], "Esc L", "close the lesson list",
        "close", C::ListClose, X::Lessons),
    bind(&[P::Key(KeyCode::Char('q')), P::Ctrl('c')], "q Ctrl-C", "quit", "quit", C::Quit,
        X::Lessons),
    // A prediction asked before a step.
    bind(&[P::Key(KeyCode::Up), P::Key(KeyCode::Char('k'))], "↑ k", "select the prediction above",
        "choose", C::PredictUp, X::Predict),
    bind(&[P::Key(KeyCode::Down), P::Key(KeyCode::Char('j'))], "↓ j",
        "select the prediction below", "", C::PredictDown, X::Predict),
    bind(&[P::Letters], "a-f", "select a prediction by its letter", "", C::PredictLetter,
        X::Predict),
    bind(&[P::Key(KeyCode::Enter)], "Enter", "answer the prediction, then see the step",
        "predict", C::PredictAnswer, X::Predict),
    bind(&[P::Key(KeyCode::Char('s')), P::Key(KeyCode::Right), P::Key(KeyCode::Char('l')),
        P::Key(KeyCode::Char(' '))], "s → l Space", "skip the prediction: see the step",
        "skip", C::PredictSkip, X::Predict),
    bind(&[P::Key(KeyCode::Esc), P::Key(KeyCode::Left), P::Key(KeyCode::Char('h'))], "Esc ← h",
        "not now: stay on the step before", "not now", C::PredictCancel, X::Predict),
    // On a step the quiz sent the learner to.
    bind(&[P::Key(KeyCode::Esc), P::Key(KeyCode::Backspace)], "Esc Backspace",
        "back to the quiz question that sent you here", "back to the question", C::BackToQuiz,
        X::Detour),
    // The quiz summary after the last question.
    bind(&[P::Key(KeyCode::Char('m'))], "m", "retry the questions not right the first time",
        "retry missed", C::QuizRetryMissed, X::QuizSummary),
    bind(&[P::Key(KeyCode::Char('a'))], "a", "retry every question", "retry all",
        C::QuizRetryAll, X::QuizSummary),
    bind(&[P::Key(KeyCode::Char('n')), P::Key(KeyCode::PageDown), P::Key(KeyCode::Right),
        P::Key(KeyCode::Char('l')), P::Key(KeyCode::Char(' '))], "n PgDn → l Space",
        "review the next question", "review", C::QuizNextQuestion, X::QuizSummary),
    bind(&[P::Key(KeyCode::Char('p')), P::Key(KeyCode::PageUp), P::Key(KeyCode::Left),
        P::Key(KeyCode::Char('h'))], "p PgUp ← h", "review the previous question", "",
        C::QuizPrevQuestion, X::QuizSummary),
    bind(&[P::Key(KeyCode::Home), P::Key(KeyCode::Char('g'))], "Home g",
        "review the first question", "", C::QuizFirstQuestion, X::QuizSummary),
    bind(&[P::Key(KeyCode::End), P::Key(KeyCode::Char('G'))], "End G",
        "review the last question", "", C::QuizLastQuestion, X::QuizSummary),
    // A question answered (right, or revealed): Enter goes on, and the footer says so.
    bind(&[P::Key(KeyCode::Enter)], "Enter", "next question (this one is answered)",
        "next question", C::QuizAnswer, X::QuizAnswered),
    // A live session: the held call, the served clock.
    bind(&[P::Key(KeyCode::Right), P::Key(KeyCode::Char('l')), P::Key(KeyCode::Char(' '))],
        "→ l Space", "let the held call go on to its next phase", "let it go on", C::Resume,
        X::Holding),
    bind(&[P::Key(KeyCode::Char('+'))], "+", "move the served clock 1 minute forward",
        "clock +1 min", C::ClockMinute, X::Live),
    bind(&[P::Key(KeyCode::Char('>'))], ">", "move the served clock 1 hour forward (tokens expire)",
        "+1 h", C::ClockHour, X::Live),
    // A lab (cogflow serve LAB): its panel, or its calls as steps.
    bind(&[P::Key(KeyCode::Char('c'))], "c", "show the calls your code made, as steps in the lesson's modes",
        "calls", C::LabToggle, X::Lab),
    bind(&[P::Key(KeyCode::Char('t'))], "t", "show the code sample in the next language (Python, JavaScript, AWS CLI)",
        "language", C::LabLanguage, X::Lab),
    bind(&[P::Key(KeyCode::Char('y'))], "y", "copy the script so far (up to the waiting step) to a file it names",
        "copy", C::LabCopy, X::Lab),
    bind(&[P::Key(KeyCode::Char('Y'))], "Y", "copy the script so far to a file and to the clipboard (OSC 52)", "",
        C::LabClip, X::Lab),
    bind(&[P::Key(KeyCode::Char('c'))], "c", "back to the lab panel: the waiting step and its sample",
        "the lab", C::LabToggle, X::LabCalls),
    // Mode-specific keys come before the global ones.
    bind(&[P::Key(KeyCode::Up), P::Key(KeyCode::Char('k'))], "↑ k", "select the choice above",
        "choose", C::QuizUp, X::Mode(Mode::Quiz)),
    bind(&[P::Key(KeyCode::Down), P::Key(KeyCode::Char('j'))], "↓ j",
        "select the choice below", "", C::QuizDown, X::Mode(Mode::Quiz)),
    bind(&[P::Letters], "a-f", "select a choice by its letter", "", C::QuizLetter,
        X::Mode(Mode::Quiz)),
    bind(&[P::Key(KeyCode::Enter)], "Enter", "answer (after a right answer: next question)",
        "answer", C::QuizAnswer, X::Mode(Mode::Quiz)),
    bind(&[P::Key(KeyCode::Char('h'))], "h", "show the next hint", "hint", C::QuizHint,
        X::Mode(Mode::Quiz)),
    bind(&[P::Key(KeyCode::Char('s'))], "s",
        "show the step the question is about (Esc comes back)", "show step", C::QuizShowStep,
        X::Mode(Mode::Quiz)),
    bind(&[P::Key(KeyCode::Char('r'))], "r", "give up: reveal the answer", "", C::QuizReveal,
        X::Mode(Mode::Quiz)),
    // The quiz hides the step: → ← Home End move between questions, never the hidden step.
    bind(&[P::Key(KeyCode::Char('n')), P::Key(KeyCode::PageDown), P::Key(KeyCode::Right),
        P::Key(KeyCode::Char('l')), P::Key(KeyCode::Char(' '))], "n PgDn → l Space",
        "next question", "next question", C::QuizNextQuestion, X::Mode(Mode::Quiz)),
    bind(&[P::Key(KeyCode::Char('p')), P::Key(KeyCode::PageUp), P::Key(KeyCode::Left)],
        "p PgUp ←", "previous question", "", C::QuizPrevQuestion, X::Mode(Mode::Quiz)),
    bind(&[P::Key(KeyCode::Home), P::Key(KeyCode::Char('g'))], "Home g", "first question", "",
        C::QuizFirstQuestion, X::Mode(Mode::Quiz)),
    bind(&[P::Key(KeyCode::End), P::Key(KeyCode::Char('G'))], "End G", "last question", "",
        C::QuizLastQuestion, X::Mode(Mode::Quiz)),
    bind(&[P::Key(KeyCode::Up), P::Key(KeyCode::Char('k'))], "↑ k",
        "scroll the table up (earlier rows)", "rows", C::ScrollUp, X::Mode(Mode::Table)),
    bind(&[P::Key(KeyCode::Down), P::Key(KeyCode::Char('j'))], "↓ j",
        "scroll the table down (back to the current row)", "", C::ScrollDown, X::Mode(Mode::Table)),
    bind(&[P::Key(KeyCode::Char('['))], "[", "scroll the request and response up", "",
        C::PanelUp, X::Mode(Mode::Table)),
    bind(&[P::Key(KeyCode::Char(']'))], "]", "scroll the request and response down",
        "request", C::PanelDown, X::Mode(Mode::Table)),
    bind(&[P::Key(KeyCode::Char('e'))], "e", "try it: type a username and password",
        "try it", C::TryOpen, X::Mode(Mode::Token)),
    bind(&[P::Key(KeyCode::Char('t'))], "t", "show the other token (ID ↔ access)",
        "other token", C::TokenSwitch, X::Mode(Mode::Token)),
    bind(&[P::Key(KeyCode::Char('y'))], "y", "copy the raw JWT to a file (the screen names it)",
        "", C::CopyToken, X::Mode(Mode::Token)),
    bind(&[P::Key(KeyCode::Char('Y'))], "Y",
        "copy the raw JWT to a file and to the clipboard (OSC 52)", "", C::ClipToken,
        X::Mode(Mode::Token)),
    // Everywhere.
    bind(&[P::Key(KeyCode::Right), P::Key(KeyCode::Char('l')), P::Key(KeyCode::Char(' '))],
        "→ l Space", "next step", "next", C::Next, X::Global),
    bind(&[P::Key(KeyCode::Left), P::Key(KeyCode::Char('h'))], "← h", "previous step", "back",
        C::Back, X::Global),
    bind(&[P::Key(KeyCode::Home), P::Key(KeyCode::Char('g'))], "Home g", "first step", "",
        C::First, X::Global),
    bind(&[P::Key(KeyCode::End), P::Key(KeyCode::Char('G'))], "End G", "last step", "",
        C::Last, X::Global),
    bind(&[P::ModeDigits], "1-9", "switch mode", "modes", C::ModeDigit, X::Global),
    bind(&[P::Key(KeyCode::Char(':'))], ":", "go to a step: type its number, then Enter",
        "go to step", C::JumpStart, X::Global),
    bind(&[P::Key(KeyCode::Tab)], "Tab", "next mode", "", C::NextMode, X::Global),
    bind(&[P::Key(KeyCode::BackTab)], "Shift-Tab", "previous mode", "", C::PrevMode,
        X::Global),
    bind(&[P::Key(KeyCode::Char('v'))], "v", "next branch (e.g. what if the password is wrong?)",
        "branch", C::NextVariant, X::Global),
    bind(&[P::Key(KeyCode::Char('V'))], "V", "previous branch (back to the one before)", "",
        C::PrevVariant, X::Global),
    bind(&[P::Key(KeyCode::Char('b'))], "b", "the branches: pick one, or compare two side by side",
        "", C::OpenBranches, X::Global),
    bind(&[P::Key(KeyCode::Char('L'))], "L", "the lessons, in learning order: open another here",
        "", C::OpenLessons, X::Global),
    bind(&[P::Key(KeyCode::Char('R'))], "R",
        "start this lesson over: forget its saved step, predictions and quiz answers (asks first)",
        "", C::StartOver, X::Global),
    bind(&[P::Key(KeyCode::Up), P::Key(KeyCode::Char('k'))], "↑ k", "scroll up", "scroll",
        C::ScrollUp, X::Global),
    bind(&[P::Key(KeyCode::Down), P::Key(KeyCode::Char('j'))], "↓ j", "scroll down", "",
        C::ScrollDown, X::Global),
    bind(&[P::Key(KeyCode::PageUp)], "PgUp", "scroll up a page", "", C::PageUp, X::Global),
    bind(&[P::Key(KeyCode::PageDown)], "PgDn", "scroll down a page", "", C::PageDown,
        X::Global),
    bind(&[P::Key(KeyCode::Char('?'))], "?", "help: every key", "help", C::Help, X::Global),
    bind(&[P::Key(KeyCode::Esc)], "Esc", "close what is open (never quits)", "", C::Escape,
        X::Global),
    bind(&[P::Key(KeyCode::Char('q')), P::Ctrl('c')], "q Ctrl-C", "quit", "quit", C::Quit,
        X::Global),
];

/// What decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyContext {
    /// The mode shown.
    pub mode: Mode,
    /// What has the keys (the navigation machine's overlay).
    pub layer: Layer,
    /// What a modal layer (help, the form, a step number) opened over; for the others, the
    /// same as `layer`.
    pub base: Layer,
    /// Mode 6 shows the summary after the last question.
    pub quiz_summary: bool,
    /// Mode 6's question on screen is answered (right, or revealed).
    pub quiz_answered: bool,
    /// Mode 6 has no question to ask (a lab's lesson has no quiz): its keys would do nothing.
    pub quiz_empty: bool,
    /// A live session (`cogflow serve`).
    pub live: bool,
    /// A live session with a held call, its newest call on screen (→ lets it go on).
    pub holding: bool,
    /// A lab: `Some(true)` with its panel on screen, `Some(false)` with its calls.
    pub lab: Option<bool>,
}

impl KeyContext {
    /// The contexts to search, most specific first.
    fn layers(self) -> Vec<Context> {
        match self.layer {
            Layer::Help => return vec![Context::Help],
            Layer::Form => return vec![Context::Editing],
            Layer::Name => return vec![Context::Naming],
            Layer::Confirm => return vec![Context::Confirm],
            Layer::Branches => return vec![Context::Branches],
            Layer::Lessons => return vec![Context::Lessons],
            Layer::Compare => return vec![Context::Compare],
            Layer::Lesson | Layer::Prediction | Layer::Detour | Layer::Jump => {}
        }
        let mut layers = Vec::with_capacity(4);
        if self.layer == Layer::Jump {
            layers.push(Context::Jump);
        }
        match self.base {
            // A prediction takes the keys only where its step would show.
            Layer::Prediction if self.mode.shows_step() => layers.push(Context::Predict),
            Layer::Detour => layers.push(Context::Detour),
            Layer::Prediction
            | Layer::Lesson
            | Layer::Jump
            | Layer::Help
            | Layer::Form
            | Layer::Name
            | Layer::Confirm
            | Layer::Branches
            | Layer::Lessons
            | Layer::Compare => {}
        }
        if self.holding {
            layers.push(Context::Holding);
        }
        match self.lab {
            Some(true) => layers.push(Context::Lab),
            Some(false) => layers.push(Context::LabCalls),
            None => {}
        }
        if self.live {
            layers.push(Context::Live);
        }
        if self.quiz_summary {
            // The summary has no question on screen: the quiz's own keys wait until a
            // retry or a review brings one back.
            layers.push(Context::QuizSummary);
        } else {
            if self.quiz_answered && self.mode == Mode::Quiz {
                layers.push(Context::QuizAnswered);
            }
            if !(self.quiz_empty && self.mode == Mode::Quiz) {
                layers.push(Context::Mode(self.mode));
            }
        }
        layers.push(Context::Global);
        layers
    }

    /// True when `binding` applies here (for the footer and help).
    #[must_use]
    pub fn applies(self, binding: &Binding) -> bool {
        self.layers().contains(&binding.context)
    }
}

/// The binding a key press triggers here, if any.
#[must_use]
pub fn binding_for(key: &KeyEvent, context: KeyContext) -> Option<&'static Binding> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    context.layers().into_iter().find_map(|layer| {
        BINDINGS
            .iter()
            .filter(|b| b.context == layer)
            .find(|b| b.keys.iter().any(|p| p.matches(key)))
    })
}

/// The message a key press sends here, if any. Release events (Windows) are ignored.
#[must_use]
pub fn message_for(key: &KeyEvent, context: KeyContext) -> Option<Message> {
    let binding = binding_for(key, context)?;
    let digit = || match key.code {
        KeyCode::Char(c) => c.to_digit(10).and_then(|d| u8::try_from(d).ok()),
        _ => None,
    };
    Some(match binding.command {
        Command::ModeDigit => Message::ModeDigit(digit()?),
        Command::JumpDigit => Message::JumpDigit(digit()?),
        Command::QuizLetter => Message::QuizLetter(letter_index(key)?),
        Command::PredictLetter => Message::PredictLetter(letter_index(key)?),
        Command::FormType | Command::NameType => match key.code {
            KeyCode::Char(c) => Message::Type(c),
            _ => return None,
        },
        command => Message::Do(command),
    })
}

/// The choice a letter key names: `a` or `A` → 0.
fn letter_index(key: &KeyEvent) -> Option<usize> {
    match key.code {
        KeyCode::Char(c) if c.is_ascii_alphabetic() => {
            Some(usize::from(c.to_ascii_lowercase() as u8 - b'a'))
        }
        _ => None,
    }
}

/// The footer's hints here: (keys as the footer writes them, hint) in table order, those
/// with a hint only.
#[must_use]
pub fn footer(context: KeyContext) -> Vec<(&'static str, &'static str)> {
    let layers = context.layers();
    let mut hints: Vec<(&'static str, &'static str)> = Vec::new();
    // Keys an earlier (more specific) layer already answers to: a later binding whose keys
    // are all taken would never fire here, so the footer leaves it out.
    let mut taken: Vec<Pattern> = Vec::new();
    for layer in layers {
        let bindings: Vec<&Binding> = BINDINGS.iter().filter(|b| b.context == layer).collect();
        for binding in &bindings {
            let shadowed = binding
                .keys
                .iter()
                .all(|k| taken.iter().any(|t| t.covers(*k)));
            if binding.hint.is_empty() || shadowed || hints.iter().any(|(_, h)| *h == binding.hint)
            {
                continue;
            }
            hints.push((binding.footer_keys(), binding.hint));
        }
        taken.extend(bindings.iter().flat_map(|b| b.keys.iter().copied()));
    }
    hints
}

/// The help overlay's sections: (heading, bindings) for every context, in table order, the
/// headings in `words`' language. A live session's keys are listed only in one (`live`).
#[must_use]
pub fn help_sections(live: bool, words: &Words) -> Vec<(String, Vec<&'static Binding>)> {
    let mut sections: Vec<(u8, String, Vec<&'static Binding>)> = Vec::new();
    let listed = |context: Context| live || !context.serve_only();
    for binding in BINDINGS.iter().filter(|b| listed(b.context)) {
        let (rank, heading) = section(binding.context, words);
        match sections.iter_mut().find(|(_, h, _)| *h == heading) {
            Some((_, _, list)) => list.push(binding),
            None => sections.push((rank, heading, vec![binding])),
        }
    }
    // A stable sort: sections of one rank stay in table order.
    sections.sort_by_key(|(rank, _, _)| *rank);
    sections
        .into_iter()
        .map(|(_, heading, bindings)| (heading, bindings))
        .collect()
}

/// Where a context's keys go in help: its place (everywhere first: it is what a newcomer
/// needs) and its heading.
fn section(context: Context, words: &Words) -> (u8, String) {
    let (rank, word) = match context {
        Context::Global => (0, Word::HelpEverywhere),
        Context::Mode(mode) => {
            let n = mode.number().to_string();
            let heading = words.fill(
                Word::HelpInMode,
                &[("n", &n), ("mode", words.get(mode.name()))],
            );
            return (1, heading);
        }
        Context::Predict => (2, Word::HelpWhilePredicting),
        Context::Detour => (2, Word::HelpOnDetour),
        Context::QuizSummary => (2, Word::HelpQuizSummary),
        Context::QuizAnswered => (2, Word::HelpQuizAnswered),
        Context::Jump => (3, Word::HelpWhileTyping),
        Context::Editing => (4, Word::HelpTryIt),
        Context::Naming => (4, Word::HelpNaming),
        Context::Confirm => (4, Word::HelpConfirm),
        Context::Branches => (3, Word::HelpBranchList),
        Context::Compare => (3, Word::HelpCompareSection),
        Context::Lessons => (3, Word::HelpLessonList),
        Context::Help => (5, Word::HelpInHelp),
        Context::Live => (1, Word::HelpLive),
        Context::Holding => (1, Word::HelpHolding),
        Context::Lab | Context::LabCalls => (1, Word::HelpLab),
    };
    (rank, words.get(word).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctx(mode: Mode) -> KeyContext {
        on(mode, Layer::Lesson)
    }

    fn on(mode: Mode, layer: Layer) -> KeyContext {
        KeyContext {
            mode,
            layer,
            base: layer,
            quiz_summary: false,
            quiz_answered: false,
            quiz_empty: false,
            live: false,
            holding: false,
            lab: None,
        }
    }

    #[test]
    fn every_key_of_the_issue_sends_its_message() {
        use KeyCode::*;
        let step = ctx(Mode::StepThrough);
        let cases: &[(KeyEvent, KeyContext, Option<Message>)] = &[
            (key(Right), step, Some(Message::Do(C::Next))),
            (key(Char('l')), step, Some(Message::Do(C::Next))),
            (key(Char(' ')), step, Some(Message::Do(C::Next))),
            (key(Left), step, Some(Message::Do(C::Back))),
            (key(Char('h')), step, Some(Message::Do(C::Back))),
            (key(Home), step, Some(Message::Do(C::First))),
            (key(Char('g')), step, Some(Message::Do(C::First))),
            (key(End), step, Some(Message::Do(C::Last))),
            (
                KeyEvent::new(Char('G'), KeyModifiers::SHIFT),
                step,
                Some(Message::Do(C::Last)),
            ),
            (key(Char('v')), step, Some(Message::Do(C::NextVariant))),
            (key(Char('?')), step, Some(Message::Do(C::Help))),
            (key(Char('q')), step, Some(Message::Do(C::Quit))),
            (key(Esc), step, Some(Message::Do(C::Escape))),
            (key(Char(':')), step, Some(Message::Do(C::JumpStart))),
            (
                KeyEvent::new(Char('c'), KeyModifiers::CONTROL),
                step,
                Some(Message::Do(C::Quit)),
            ),
            (key(Tab), step, Some(Message::Do(C::NextMode))),
            (
                KeyEvent::new(BackTab, KeyModifiers::SHIFT),
                step,
                Some(Message::Do(C::PrevMode)),
            ),
            (key(Char('6')), step, Some(Message::ModeDigit(6))),
            (key(Char('0')), step, None),
            (key(Char('z')), step, None),
            (
                key(Up),
                ctx(Mode::Transcript),
                Some(Message::Do(C::ScrollUp)),
            ),
            (
                key(PageDown),
                ctx(Mode::Transcript),
                Some(Message::Do(C::PageDown)),
            ),
            (key(Up), ctx(Mode::Quiz), Some(Message::Do(C::QuizUp))),
            (
                key(Char('j')),
                ctx(Mode::Quiz),
                Some(Message::Do(C::QuizDown)),
            ),
            (
                key(Char('C')),
                ctx(Mode::Quiz),
                Some(Message::QuizLetter(2)),
            ),
            (
                key(Char('b')),
                ctx(Mode::Quiz),
                Some(Message::QuizLetter(1)),
            ),
            (
                key(Enter),
                ctx(Mode::Quiz),
                Some(Message::Do(C::QuizAnswer)),
            ),
            (key(Enter), step, None),
            (key(Char('b')), step, Some(Message::Do(C::OpenBranches))),
            (
                KeyEvent::new(Char('L'), KeyModifiers::SHIFT),
                step,
                Some(Message::Do(C::OpenLessons)),
            ),
            (
                key(Up),
                on(Mode::Quiz, Layer::Branches),
                Some(Message::Do(C::ListUp)),
            ),
            (
                key(Enter),
                on(Mode::Quiz, Layer::Branches),
                Some(Message::Do(C::ListTake)),
            ),
            (
                key(Char('c')),
                on(Mode::Flow, Layer::Branches),
                Some(Message::Do(C::CompareOpen)),
            ),
            (
                key(Char('b')),
                on(Mode::Flow, Layer::Branches),
                Some(Message::Do(C::ListClose)),
            ),
            (key(Char('a')), on(Mode::Quiz, Layer::Branches), None),
            (
                key(Right),
                on(Mode::Flow, Layer::Compare),
                Some(Message::Do(C::ListDown)),
            ),
            (
                key(Char('c')),
                on(Mode::Flow, Layer::Compare),
                Some(Message::Do(C::ListClose)),
            ),
            (
                key(Esc),
                on(Mode::Flow, Layer::Lessons),
                Some(Message::Do(C::ListClose)),
            ),
            (
                key(Char('q')),
                on(Mode::Flow, Layer::Lessons),
                Some(Message::Do(C::Quit)),
            ),
            (
                key(Char('e')),
                ctx(Mode::Token),
                Some(Message::Do(C::TryOpen)),
            ),
            (
                key(Char('t')),
                ctx(Mode::Token),
                Some(Message::Do(C::TokenSwitch)),
            ),
        ];
        for (event, context, want) in cases {
            assert_eq!(
                &message_for(event, *context),
                want,
                "{event:?} in {context:?}"
            );
        }
    }

    #[test]
    fn layers_take_keys_first() {
        use KeyCode::*;
        let jump = KeyContext {
            base: Layer::Lesson,
            ..on(Mode::Quiz, Layer::Jump)
        };
        let editing = on(Mode::Token, Layer::Form);
        let help = on(Mode::Flow, Layer::Help);
        let cases: &[(KeyEvent, KeyContext, Option<Message>)] = &[
            (key(Enter), jump, Some(Message::Do(C::JumpConfirm))),
            (key(Char('0')), jump, Some(Message::JumpDigit(0))),
            (key(Char('4')), jump, Some(Message::JumpDigit(4))),
            (key(Esc), jump, Some(Message::Do(C::JumpCancel))),
            (key(Right), jump, Some(Message::Do(C::QuizNextQuestion))),
            (key(Char('q')), editing, Some(Message::Type('q'))),
            (key(Char('1')), editing, Some(Message::Type('1'))),
            (key(Enter), editing, Some(Message::Do(C::FormSubmit))),
            (key(Esc), editing, Some(Message::Do(C::FormClose))),
            (
                KeyEvent::new(Char('r'), KeyModifiers::CONTROL),
                editing,
                Some(Message::Do(C::FormReveal)),
            ),
            (
                KeyEvent::new(Char('c'), KeyModifiers::CONTROL),
                editing,
                Some(Message::Do(C::Quit)),
            ),
            (key(Char('q')), help, Some(Message::Do(C::Quit))),
            (key(Esc), help, Some(Message::Do(C::CloseHelp))),
            (key(Char('a')), jump, Some(Message::QuizLetter(0))),
            (key(Right), help, None),
        ];
        for (event, context, want) in cases {
            assert_eq!(
                &message_for(event, *context),
                want,
                "{event:?} in {context:?}"
            );
        }
    }

    #[test]
    fn release_events_are_ignored() {
        let mut event = key(KeyCode::Right);
        event.kind = KeyEventKind::Release;
        assert_eq!(message_for(&event, ctx(Mode::StepThrough)), None);
    }

    #[test]
    fn footer_and_help_come_from_the_table() {
        let hints = footer(ctx(Mode::Quiz));
        let words: Vec<&str> = hints.iter().map(|(_, h)| *h).collect();
        assert_eq!(
            words[..5],
            ["choose", "answer", "hint", "show step", "next question"]
        );
        assert!(words.contains(&"quit"));
        assert!(
            !words.contains(&"next") && !words.contains(&"back"),
            "→ and ← move between questions in the quiz, never the hidden step: {words:?}"
        );
        assert!(!words.contains(&"scroll"), "↑ chooses here: no scroll hint");
        let predicting = footer(on(Mode::StepThrough, Layer::Prediction));
        let words: Vec<&str> = predicting.iter().map(|(_, h)| *h).collect();
        assert_eq!(words[..4], ["choose", "predict", "skip", "not now"]);
        assert!(
            !words.contains(&"next") && !words.contains(&"back"),
            "→ and ← are the prediction's here: {words:?}"
        );
        let detour = footer(on(Mode::Table, Layer::Detour));
        assert_eq!(detour[0], ("Esc", "back to the question"));
        assert_eq!(
            footer(ctx(Mode::Table))[..2],
            [("↑↓", "rows"), ("[ ]", "request")],
            "a pair of keys is written as a pair"
        );
        let listed: usize = help_sections(true, &Words::default())
            .iter()
            .map(|(_, b)| b.len())
            .sum();
        assert_eq!(listed, BINDINGS.len(), "help lists every binding");
        let live_only = BINDINGS.iter().filter(|b| b.context.serve_only()).count();
        let lesson: usize = help_sections(false, &Words::default())
            .iter()
            .map(|(_, b)| b.len())
            .sum();
        assert_eq!(
            lesson + live_only,
            BINDINGS.len(),
            "a lesson's help leaves out serve's keys"
        );
        // A lab's panel: its own keys first; with its calls shown, c brings it back.
        let lab = KeyContext {
            live: true,
            lab: Some(true),
            ..ctx(Mode::StepThrough)
        };
        assert_eq!(
            footer(lab)[..3],
            [("c", "calls"), ("t", "language"), ("y", "copy")]
        );
        let calls = KeyContext {
            lab: Some(false),
            ..lab
        };
        assert_eq!(footer(calls)[0], ("c", "the lab"));
        let key = KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE);
        assert_eq!(
            message_for(&key, calls),
            None,
            "t switches the sample only on the panel"
        );
    }

    /// The key a footer hint writes: "→", "Enter", "1-9" (its first), "q".
    fn event_of(shown: &str) -> KeyEvent {
        use KeyCode::*;
        let code = match shown {
            "→" => Right,
            "←" => Left,
            "↑" => Up,
            "↓" => Down,
            "Enter" => Enter,
            "Esc" => Esc,
            "Tab" => Tab,
            "Backspace" => Backspace,
            "PgUp" => PageUp,
            "PgDn" => PageDown,
            "Home" => Home,
            "End" => End,
            "Space" => Char(' '),
            "Ctrl-C" => return KeyEvent::new(Char('c'), KeyModifiers::CONTROL),
            "Ctrl-R" => return KeyEvent::new(Char('r'), KeyModifiers::CONTROL),
            "1-9" => Char('1'),
            "0-9" => Char('0'),
            "a-f" => Char('a'),
            one if one.chars().count() == 1 => Char(one.chars().next().unwrap()),
            other => panic!("no key for {other:?}"),
        };
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    /// Issue 8 (minor): in every state the footer's hints are keys that do what they say
    /// (a pair "↑↓" or "[ ]": both keys answer, one of them with the hint), no hint writes
    /// half a pair ("↑" alone), and the quiz's keys are the quiz's: ← → move between
    /// questions (never the hidden step), and Enter says "next question" once answered.
    #[test]
    fn the_footer_hints_are_the_keys_in_every_state() {
        use KeyCode::*;
        let lesson = |mode| ctx(mode);
        let answered = KeyContext {
            quiz_answered: true,
            ..ctx(Mode::Quiz)
        };
        let summary = KeyContext {
            quiz_summary: true,
            ..ctx(Mode::Quiz)
        };
        // A lesson with no quiz (a lab's): mode 6 offers none of the quiz's keys.
        let empty = KeyContext {
            quiz_empty: true,
            ..ctx(Mode::Quiz)
        };
        assert!(
            footer(empty)
                .iter()
                .all(|(_, does)| !["choose", "answer", "hint"].contains(does)),
            "{:?}",
            footer(empty)
        );
        assert!(
            footer(empty).iter().any(|(key, _)| *key == "1-9"),
            "{:?}",
            footer(empty)
        );
        let over = |layer| KeyContext {
            base: Layer::Lesson,
            ..on(Mode::StepThrough, layer)
        };
        let names = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
        let mut states: Vec<(&str, KeyContext)> = names
            .iter()
            .zip(Mode::ALL)
            .map(|(n, m)| (*n, lesson(m)))
            .collect();
        states.extend([
            ("quiz answered", answered),
            ("quiz summary", summary),
            ("predicting", on(Mode::StepThrough, Layer::Prediction)),
            ("detour", on(Mode::Table, Layer::Detour)),
            ("help", over(Layer::Help)),
            ("form", on(Mode::Token, Layer::Form)),
            ("name", on(Mode::Quiz, Layer::Name)),
            ("confirm", over(Layer::Confirm)),
            ("branches", over(Layer::Branches)),
            ("compare", over(Layer::Compare)),
            ("lessons", over(Layer::Lessons)),
            ("jump", over(Layer::Jump)),
        ]);
        for (name, context) in &states {
            let hints = footer(*context);
            assert!(!hints.is_empty(), "{name}");
            for (keys, hint) in &hints {
                assert!(
                    !matches!(*keys, "↑" | "↓"),
                    "{name}: half a pair: {keys} {hint}"
                );
                let parts: Vec<&str> = match *keys {
                    "↑↓" => vec!["↑", "↓"],
                    "[ ]" => vec!["[", "]"],
                    one => vec![one],
                };
                let bound: Vec<&Binding> = parts
                    .iter()
                    .map(|k| {
                        binding_for(&event_of(k), *context)
                            .unwrap_or_else(|| panic!("{name}: {k} ({hint}) does nothing"))
                    })
                    .collect();
                assert!(
                    bound.iter().any(|b| b.hint == *hint),
                    "{name}: {keys} does not {hint}: {bound:?}"
                );
            }
        }
        let command = |event: KeyEvent, context| binding_for(&event, context).map(|b| b.command);
        #[rustfmt::skip]
        let cases: &[(&str, KeyEvent, KeyContext, Command)] = &[
            ("quiz →", key(Right), ctx(Mode::Quiz), C::QuizNextQuestion),
            ("quiz Space", key(Char(' ')), ctx(Mode::Quiz), C::QuizNextQuestion),
            ("quiz l", key(Char('l')), ctx(Mode::Quiz), C::QuizNextQuestion),
            ("quiz ←", key(Left), ctx(Mode::Quiz), C::QuizPrevQuestion),
            ("quiz Home", key(Home), ctx(Mode::Quiz), C::QuizFirstQuestion),
            ("quiz g", key(Char('g')), ctx(Mode::Quiz), C::QuizFirstQuestion),
            ("quiz End", key(End), ctx(Mode::Quiz), C::QuizLastQuestion),
            ("quiz G", key(Char('G')), ctx(Mode::Quiz), C::QuizLastQuestion),
            ("answered End", key(End), answered, C::QuizLastQuestion),
            ("summary Home", key(Home), summary, C::QuizFirstQuestion),
            ("summary G", key(Char('G')), summary, C::QuizLastQuestion),
            ("step Home", key(Home), ctx(Mode::StepThrough), C::First),
            ("step End", key(End), ctx(Mode::StepThrough), C::Last),
            ("quiz h", key(Char('h')), ctx(Mode::Quiz), C::QuizHint),
            ("quiz Enter", key(Enter), ctx(Mode::Quiz), C::QuizAnswer),
            ("answered Enter", key(Enter), answered, C::QuizAnswer),
            ("answered →", key(Right), answered, C::QuizNextQuestion),
            ("summary →", key(Right), summary, C::QuizNextQuestion),
            ("summary ←", key(Left), summary, C::QuizPrevQuestion),
            ("step →", key(Right), ctx(Mode::StepThrough), C::Next),
            ("step ←", key(Left), ctx(Mode::StepThrough), C::Back),
            ("help q", key(Char('q')), over(Layer::Help), C::Quit),
            ("confirm q", key(Char('q')), over(Layer::Confirm), C::Quit),
            ("form Ctrl-C", event_of("Ctrl-C"), on(Mode::Token, Layer::Form), C::Quit),
            ("lesson Esc", key(Esc), ctx(Mode::StepThrough), C::Escape),
        ];
        for (what, event, context, want) in cases {
            assert_eq!(command(*event, *context), Some(*want), "{what}");
        }
        let enter = |context| footer(context).into_iter().find(|(k, _)| *k == "Enter");
        assert_eq!(enter(ctx(Mode::Quiz)), Some(("Enter", "answer")));
        assert_eq!(enter(answered), Some(("Enter", "next question")));
        // q types into the form and the name: there only Ctrl-C quits.
        for layer in [Layer::Form, Layer::Name] {
            let context = on(Mode::Quiz, layer);
            assert_ne!(command(key(Char('q')), context), Some(C::Quit), "{layer:?}");
        }
    }
}
