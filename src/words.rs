//! The app's own words in each language a lesson may be written in: one typed table, every
//! word in every language (the table's macro will not build a row without both), and a
//! lesson may replace single words (`[messages]` in the scenario file).
//!
//! Why a typed table and not a message-format crate (fluent, gettext): the app's words are a
//! few hundred short labels with at most two `{name}` blanks and no plural forms beyond what a
//! blank can carry; a table checked by the compiler finds a missing translation at build time,
//! which a catalogue loaded at run time only finds when the screen showing it is drawn.
//! Cognito's exception names and messages are not here: they stay in English, as the real API
//! sends them.

use std::collections::BTreeMap;

/// A language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Language {
    /// English (the default).
    #[default]
    En,
    /// Spanish.
    Es,
}

impl Language {
    /// Every language the app speaks.
    pub const ALL: [Language; 2] = [Language::En, Language::Es];

    /// The primary BCP 47 subtag: `en`, `es`.
    #[must_use]
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }

    /// The language of a BCP 47 tag (`es`, `es-MX`, `en-GB`, any case). A well-formed tag of
    /// a language the app does not speak, and a malformed tag, are errors saying which.
    ///
    /// # Errors
    /// The tag is not well formed, or names a language without a table here.
    pub fn parse(tag: &str) -> Result<Language, String> {
        let mut parts = tag.split('-');
        let primary = parts.next().unwrap_or_default();
        let well_formed = (2..=3).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_alphabetic())
            && parts.all(|p| {
                (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if !well_formed {
            return Err(format!(
                "`{tag}` is not a BCP 47 language tag (e.g. `en`, `es`, `es-MX`)"
            ));
        }
        let primary = primary.to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|l| l.tag() == primary)
            .ok_or_else(|| {
                let known: Vec<&str> = Language::ALL.iter().map(|l| l.tag()).collect();
                format!(
                    "no words for language `{tag}` yet: the app speaks {}",
                    known.join(", ")
                )
            })
    }
}

macro_rules! words {
    ($( $(#[$doc:meta])* $name:ident = $key:literal { en: $en:literal, es: $es:literal } )*) => {
        /// One of the app's own words or sentences (`{name}` marks a blank).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Word {
            $( $(#[$doc])* $name, )*
        }

        impl Word {
            /// Every word, in table order.
            pub const ALL: &'static [Word] = &[$( Word::$name, )*];

            /// The key a lesson's `[messages]` table names it by.
            #[must_use]
            pub fn key(self) -> &'static str {
                match self { $( Word::$name => $key, )* }
            }

            /// The word in `language`.
            #[must_use]
            pub fn in_language(self, language: Language) -> &'static str {
                match (self, language) {
                    $( (Word::$name, Language::En) => $en,
                       (Word::$name, Language::Es) => $es, )*
                }
            }
        }
    };
}

words! {
    // The modes (tabs, help, titles).
    ModeStepThrough = "mode.step_through" { en: "Step-through", es: "Paso a paso" }
    ModeFlow = "mode.flow" { en: "Flow", es: "Flujo" }
    ModeTable = "mode.table" { en: "Table", es: "Tabla" }
    ModeTracker = "mode.tracker" { en: "Tracker", es: "Estado" }
    ModeMoments = "mode.moments" { en: "Key moments", es: "Momentos clave" }
    ModeQuiz = "mode.quiz" { en: "Quiz", es: "Preguntas" }
    ModeSnapshot = "mode.snapshot" { en: "Snapshot", es: "Resumen" }
    ModeTranscript = "mode.transcript" { en: "Transcript", es: "Transcripción" }
    ModeToken = "mode.token" { en: "Token", es: "Token" }
    ShortStepThrough = "mode.step_through.short" { en: "Steps", es: "Pasos" }
    ShortFlow = "mode.flow.short" { en: "Flow", es: "Flujo" }
    ShortTable = "mode.table.short" { en: "Table", es: "Tabla" }
    ShortTracker = "mode.tracker.short" { en: "Track", es: "Estado" }
    ShortMoments = "mode.moments.short" { en: "Moments", es: "Claves" }
    ShortQuiz = "mode.quiz.short" { en: "Quiz", es: "Test" }
    ShortSnapshot = "mode.snapshot.short" { en: "Snap", es: "Resumen" }
    ShortTranscript = "mode.transcript.short" { en: "Text", es: "Texto" }
    ShortToken = "mode.token.short" { en: "Token", es: "Token" }
    // The header.
    /// "Step 3/5".
    StepOf = "header.step_of" { en: "Step {n}/{total}", es: "Paso {n}/{total}" }
    /// A live session (`cogflow serve`): "Call 3 of 5".
    CallOf = "header.call_of" { en: "Call {n} of {total}", es: "Llamada {n} de {total}" }
    /// After "Call 5 of 5" when the newest call is shown and new ones will be.
    Following = "header.following" { en: "following", es: "siguiendo" }
    NoCallsYet = "header.no_calls" { en: "No calls yet", es: "Aún no hay llamadas" }
    /// "Branch: Main path".
    BranchIs = "header.branch" { en: "Branch: {name}", es: "Rama: {name}" }
    MainPath = "branch.main" { en: "Main path", es: "Camino principal" }
    /// The branch of a try-it run (mode 9, e).
    TryBranch = "branch.try" { en: "Your try (username {username})", es: "Tu intento (usuario {username})" }
    /// The branch of a live session (`cogflow serve`).
    LiveBranch = "branch.live" { en: "Your code's calls to {endpoint}", es: "Las llamadas de tu código a {endpoint}" }
    Watching = "header.watching" { en: "watching", es: "vigilando" }
    CognitoIsChecking = "header.checking" { en: "Cognito is checking…", es: "Cognito está comprobando…" }
    Minutes = "header.minutes" { en: "~{n} min", es: "~{n} min" }
    // Below the smallest size the lesson is drawn in.
    TooSmall = "small.title" { en: "terminal too small:", es: "terminal demasiado pequeño:" }
    /// "need 60x18, have 40x10".
    TooSmallSizes = "small.sizes" { en: "need {need}, have {have}", es: "hace falta {need}, hay {have}" }
    TooSmallEnlarge = "small.enlarge" { en: "Enlarge the window, or press {key} to quit.", es: "Agranda la ventana, o pulsa {key} para salir." }
    // Steps, in every view and in a proof's answer ("Step 4" / "Paso 4").
    /// "Step 3".
    StepN = "step" { en: "Step {n}", es: "Paso {n}" }
    /// "Call 3": a live session's steps are the learner's own calls.
    CallN = "call" { en: "Call {n}", es: "Llamada {n}" }
    // Panel titles.
    ProcessFlow = "panel.flow" { en: "Process flow", es: "Diagrama del proceso" }
    ExecutionSample = "panel.sample" { en: "Execution sample", es: "Ejemplo de ejecución" }
    StatusTracker = "panel.tracker" { en: "Status tracker", es: "Estado de las variables" }
    TrackerLegend = "panel.tracker.legend" { en: "+ set  ~ changed  - cleared", es: "+ asignada  ~ cambiada  - borrada" }
    TrackerAll = "panel.tracker.all" { en: "every variable after every step so far", es: "cada variable tras cada paso hasta ahora" }
    /// The step-through tracker's border: what it left out to fit ({what}: the words below).
    TrackerLeftOut = "panel.tracker.left_out" { en: "{what}: mode 4 shows them all", es: "{what}: el modo 4 lo muestra todo" }
    TrackerHidden = "panel.tracker.hidden" { en: "earlier columns hidden", es: "columnas anteriores ocultas" }
    TrackerShortened = "panel.tracker.shortened" { en: "long values shortened", es: "valores largos acortados" }
    /// Tracker rows below the panel.
    TrackerLeftOutShort = "panel.tracker.left_out_short" { en: "not all shown: mode 4 has it all", es: "no se ve todo: el modo 4 lo tiene todo" }
    TrackerRowsBelow = "panel.tracker.rows_below" { en: "{n} more rows", es: "{n} filas más" }
    // Mode 4, when earlier step columns do not fit.
    TrackerStepHidden = "tracker.step_hidden" { en: "Step {n} is hidden to fit: ← steps back to them, or widen the window.", es: "El paso {n} está oculto para caber: ← retrocede hasta él, o ensancha la ventana." }
    TrackerTwoStepsHidden = "tracker.two_steps_hidden" { en: "Steps {first} and {last} are hidden to fit: ← steps back to them, or widen the window.", es: "Los pasos {first} y {last} están ocultos para caber: ← retrocede hasta ellos, o ensancha la ventana." }
    TrackerStepsHidden = "tracker.steps_hidden" { en: "Steps {first} to {last} are hidden to fit: ← steps back to them, or widen the window.", es: "Los pasos del {first} al {last} están ocultos para caber: ← retrocede hasta ellos, o ensancha la ventana." }
    ProcessTable = "panel.table" { en: "Process table", es: "Tabla del proceso" }
    /// A panel's border when not every line shows.
    /// The process table's bottom border when rows are out of sight: " rows 3-7 of 12, ↑↓ scroll ".
    RowsShown = "table.rows_shown" { en: "rows {first}-{last} of {total}{earlier}, {scroll}", es: "filas {first}-{last} de {total}{earlier}, {scroll}" }
    RowsEarlier = "table.rows_earlier" { en: ", the first {n} are a `:` jump away", es: ", las {n} primeras están a un salto con `:`" }
    RowsScroll = "table.rows_scroll" { en: "↑↓ scroll", es: "↑↓ desplazan" }
    RowsScrollMode3 = "table.rows_scroll_mode_3" { en: "mode 3 scrolls", es: "el modo 3 desplaza" }
    LinesShown = "panel.lines_shown" { en: "lines {first}-{last} of {total}, {keys} scroll", es: "líneas {first}-{last} de {total}, {keys} desplazan" }
    SnippetHeading = "panel.snippet" { en: "The app's code", es: "El código de la app" }
    // The MFA set-up step's panel (mode 1): the QR code and what a learner types instead.
    AuthenticatorPanel = "panel.authenticator" { en: "Scan with an authenticator app", es: "Escanea con una app de autenticación" }
    AuthenticatorScan = "authenticator.scan" { en: "Point the phone's authenticator app (any TOTP app) at this code: it adds the account and shows a new 6-digit code every 30 seconds.", es: "Apunta la app de autenticación del teléfono (cualquier app TOTP) a este código: añade la cuenta y muestra un código de 6 dígitos nuevo cada 30 segundos." }
    /// The set-up panel's border: where the panels it stands in for are.
    AuthenticatorElsewhere = "authenticator.elsewhere" { en: "diagram: 2 · tracker: 4", es: "diagrama: 2 · variables: 4" }
    AuthenticatorKey = "authenticator.key" { en: "Can't scan it? Type this key:", es: "¿No puedes escanearlo? Escribe esta clave:" }
    AuthenticatorUri = "authenticator.uri" { en: "The code holds this URI:", es: "El código contiene esta URI:" }
    /// The panel is smaller than the whole QR code ({cols}×{rows}) needs.
    QrTooSmall = "authenticator.too_small" { en: "The QR code needs {cols}×{rows} cells; the window leaves {w}×{h} here. Enlarge the window to scan it, or type the key.", es: "El código QR necesita {cols}×{rows} celdas; la ventana deja {w}×{h} aquí. Agranda la ventana para escanearlo, o escribe la clave." }
    QrTooLong = "authenticator.too_long" { en: "This URI is too long for a QR code; type the key into the app instead.", es: "Esta URI es demasiado larga para un código QR; escribe la clave en la app." }
    /// A call on its way, before Cognito answers.
    CallPending = "step.call_pending" { en: "{call} request is with Cognito; no answer yet.", es: "La petición {call} está en Cognito; aún sin respuesta." }
    // Column headings.
    ColumnStep = "column.step" { en: "Step", es: "Paso" }
    /// The process table's first column in a live session (its rows are the learner's calls).
    ColumnCall = "column.call" { en: "Call", es: "Llamada" }
    ColumnAction = "column.action" { en: "Action", es: "Acción" }
    ColumnInput = "column.input" { en: "Input", es: "Entrada" }
    ColumnResponse = "column.response" { en: "Cognito Response", es: "Respuesta de Cognito" }
    ColumnResult = "column.result" { en: "Result", es: "Resultado" }
    ColumnVariable = "column.variable" { en: "Variable", es: "Variable" }
    ColumnStart = "column.start" { en: "Start", es: "Inicio" }
    /// "After Step 2".
    ColumnAfterStep = "column.after_step" { en: "After Step {n}", es: "Tras el paso {n}" }
    ColumnAfterCall = "column.after_call" { en: "After Call {n}", es: "Tras la llamada {n}" }
    ColumnFinal = "column.final" { en: "Final", es: "Final" }
    // Values and small words.
    Note = "note" { en: "Note: ", es: "Nota: " }
    Yes = "yes" { en: "Yes", es: "Sí" }
    No = "no" { en: "No", es: "No" }
    /// A tracked text nobody typed yet.
    ValueEmpty = "value.empty" { en: "empty", es: "vacío" }
    /// A tracked value nothing set yet.
    ValueNone = "value.none" { en: "none", es: "ninguno" }
    NotApplicable = "value.not_applicable" { en: "N/A", es: "N/D" }
    // What the run writes in `authStatus` (src/flow/engine): the app's own words, said in the
    // lesson's language wherever a tracked value is shown. Every `value.*` row's English is
    // a value the run writes; `Words::value` finds the row by it.
    StatusValid = "value.status.valid" { en: "valid", es: "válido" }
    StatusInvalid = "value.status.invalid" { en: "invalid", es: "inválido" }
    StatusProofRequired = "value.status.proof_required" { en: "proof required", es: "falta la prueba" }
    StatusError = "value.status.error" { en: "error", es: "error" }
    StatusAuthenticated = "value.status.authenticated" { en: "authenticated", es: "autenticado" }
    StatusDenied = "value.status.denied" { en: "denied", es: "denegado" }
    StatusRejected = "value.status.rejected" { en: "rejected", es: "rechazado" }
    StatusTokenIssued = "value.status.token_issued" { en: "token issued", es: "token emitido" }
    StatusChallenge = "value.status.challenge" { en: "challenge", es: "desafío" }
    StatusSignedOut = "value.status.signed_out" { en: "signed out", es: "sesión cerrada" }
    StatusRefreshRevoked = "value.status.refresh_revoked" { en: "refresh revoked", es: "actualización revocada" }
    StatusLoginPage = "value.status.login_page" { en: "login page", es: "página de inicio de sesión" }
    StatusCodeIssued = "value.status.code_issued" { en: "code issued", es: "código emitido" }
    RelaxedPolicy = "note.relaxed_policy" { en: "this lesson relaxes Cognito's password policy (mode 9 says how).", es: "esta lección relaja la política de contraseñas de Cognito (el modo 9 dice cómo)." }
    CognitoChecked = "cognito_checked" { en: "Cognito checked: ", es: "Cognito comprobó: " }
    // Mode 9, for a token that passes every offline check but that Cognito revoked.
    /// {how}: one of the `token.revoked.by_*` words; {refusal}: `token.revoked.id` or a `refused` word.
    TokenRevoked = "token.revoked" { en: "Every offline check passes, but Cognito revoked this token at step {step} ({how}). {refusal} Offline checks cannot see a revocation: an API that must honour sign-out asks Cognito (GetUser with the access token), and short lifetimes limit how long a revoked token still passes.", es: "Todas las comprobaciones sin conexión pasan, pero Cognito revocó este token en el paso {step} ({how}). {refusal} Las comprobaciones sin conexión no ven una revocación: una API que debe respetar el cierre de sesión pregunta a Cognito (GetUser con el token de acceso), y una vida corta limita cuánto tiempo sigue pasando un token revocado." }
    RevokedByDisable = "token.revoked.by_disable" { en: "AdminDisableUser: the user was disabled", es: "AdminDisableUser: se desactivó al usuario" }
    RevokedByRevokeToken = "token.revoked.by_revoke_token" { en: "RevokeToken: the refresh token it came from was revoked", es: "RevokeToken: se revocó el token de actualización del que salió" }
    RevokedBySignOut = "token.revoked.by_sign_out" { en: "GlobalSignOut: the user signed out everywhere", es: "GlobalSignOut: el usuario cerró sesión en todas partes" }
    RevokedIdToken = "token.revoked.id" { en: "No Cognito user API takes an ID token, so nothing refuses it at once: an identity pool that checks tokens with Cognito refuses it, an API trusting these checks would not.", es: "Ninguna API de usuario de Cognito acepta un token de ID, así que nada lo rechaza enseguida: un grupo de identidades que comprueba los tokens con Cognito lo rechaza, una API que confía en estas comprobaciones no lo haría." }
    /// {said}: Cognito's refusal, in English as the API sends it.
    RevokedRefusedAt = "token.revoked.refused_at" { en: "Cognito itself refuses it now (step {step}: {said}).", es: "El propio Cognito lo rechaza ahora (paso {step}: {said})." }
    RevokedRefused = "token.revoked.refused" { en: "Cognito itself refuses it now.", es: "El propio Cognito lo rechaza ahora." }
    // Mode 9's copy keys (y: a file; Y: the clipboard too). {kind}: a `token.kind.*` word.
    TokenKindId = "token.kind.id" { en: "ID token", es: "token de ID" }
    TokenKindAccess = "token.kind.access" { en: "access token", es: "token de acceso" }
    TokenKindRefresh = "token.kind.refresh" { en: "refresh token", es: "token de actualización" }
    TokenCopyHint = "token.copy_hint" { en: "y: copy", es: "y: copiar" }
    TokenNoneToCopy = "token.none_to_copy" { en: "No token at this step to copy.", es: "No hay ningún token que copiar en este paso." }
    TokenNotJwt = "token.not_jwt" { en: "That token has characters no JWT has; it was not copied.", es: "Ese token tiene caracteres que ningún JWT tiene; no se copió." }
    TokenWriteFailed = "token.write_failed" { en: "Could not write {path}: {error}", es: "No se pudo escribir {path}: {error}" }
    TokenWritten = "token.written" { en: "Wrote the {kind} ({n} characters) to {path} · Y: to the clipboard too", es: "Se escribió el {kind} ({n} caracteres) en {path} · Y: también al portapapeles" }
    TokenClipped = "token.clipped" { en: "Sent the {kind} to the clipboard (OSC 52: the terminal, or tmux's set-clipboard, must allow it) and wrote it to {path}", es: "Se envió el {kind} al portapapeles (OSC 52: el terminal, o set-clipboard de tmux, debe permitirlo) y se escribió en {path}" }
    TokenClipFailed = "token.clip_failed" { en: "Wrote the {kind} to {path}; the clipboard request failed: {error}", es: "Se escribió el {kind} en {path}; falló la petición al portapapeles: {error}" }
    /// One piece of cryptography in the step-through: "argon2id verify: 24 ms — the mock's stand-in…".
    CryptoLine = "crypto.line" { en: "{operation}: {time} — {why}", es: "{operation}: {time} — {why}" }
    /// The same of a token's signature, naming the token: "RS256 sign (ID token): 2 ms — …".
    CryptoLineOf = "crypto.line_of" { en: "{operation} ({token}): {time} — {why}", es: "{operation} ({token}): {time} — {why}" }
    // The learner's name, asked on the first visit to the quiz when none is known.
    NameTitle = "name.title" { en: "Your name", es: "Tu nombre" }
    NameAsk = "name.ask" { en: "Who is taking this quiz? Your name goes with your answers, so an instructor can tell them apart (remembered for next time).", es: "¿Quién hace estas preguntas? Tu nombre va con tus respuestas, para que un instructor las distinga (se recuerda para la próxima vez)." }
    NameThanks = "name.thanks" { en: "Thanks, {name}: your answers are recorded under this name from now on.", es: "Gracias, {name}: tus respuestas se guardan con este nombre a partir de ahora." }
    NameSkipped = "name.skipped" { en: "No name: your answers are recorded without one (`cogflow --learner NAME` sets it later).", es: "Sin nombre: tus respuestas se guardan sin él (`cogflow --learner NOMBRE` lo pone después)." }
    NameEmpty = "name.empty" { en: "Type a name, or Esc to go on without one.", es: "Escribe un nombre, o Esc para seguir sin él." }
    NameTooLong = "name.too_long" { en: "A name has at most {max} characters (this one has {n}).", es: "Un nombre tiene como mucho {max} caracteres (este tiene {n})." }
    /// The name's question: what is typed so far, after this.
    NameTyped = "name.typed" { en: "Name: ", es: "Nombre: " }
    NameKeys = "name.keys" { en: "Enter keeps it · Esc goes on without a name · Ctrl-C quits", es: "Enter lo guarda · Esc sigue sin nombre · Ctrl-C sale" }
    HelpNaming = "help.section.naming" { en: "When the quiz asks your name", es: "Cuando el cuestionario pide tu nombre" }
    HelpKeepThisName = "help.keep_this_name" { en: "keep this name (recorded with your answers)", es: "guardar este nombre (va con tus respuestas)" }
    HelpGoOnWithoutAName = "help.go_on_without_a_name" { en: "go on without a name (not asked again)", es: "seguir sin nombre (no se vuelve a preguntar)" }
    KeyKeepName = "key.keep_name" { en: "keep name", es: "guardar nombre" }
    KeyNoName = "key.no_name" { en: "no name", es: "sin nombre" }
    // Starting the lesson over (R, then y).
    ConfirmTitle = "confirm.title" { en: "Start over?", es: "¿Empezar de nuevo?" }
    ConfirmStartOver = "confirm.start_over" { en: "Start this lesson over? Your step, predictions and quiz answers are forgotten · y starts over · Esc keeps them", es: "¿Empezar esta lección de nuevo? Se olvidan tu paso, tus predicciones y tus respuestas · y empieza de nuevo · Esc las conserva" }
    StartedOver = "status.started_over" { en: "Started over: step 1 of the main path, no predictions or quiz answers.", es: "Empezaste de nuevo: paso 1 del camino principal, sin predicciones ni respuestas." }
    /// The status after resuming: `{branch}` is empty on the main path, else " of “…”".
    Resumed = "status.resumed" { en: "Resumed at step {n}{branch} — g goes to step 1 · R starts the lesson over.", es: "Retomado en el paso {n}{branch}: g va al paso 1 · R empieza la lección de nuevo." }
    HelpConfirm = "help.section.confirm" { en: "When asked to confirm (R)", es: "Cuando se pide confirmar (R)" }
    HelpYesDoIt = "help.yes_do_it" { en: "yes: do it (start over)", es: "sí: hacerlo (empezar de nuevo)" }
    HelpNoKeepEverything = "help.no_keep_everything" { en: "no: keep everything as it is", es: "no: dejarlo todo como está" }
    HelpStartThisLessonOver = "help.start_this_lesson_over" { en: "start this lesson over: forget its saved step, predictions and quiz answers (asks first)", es: "empezar esta lección de nuevo: olvida su paso guardado, predicciones y respuestas (pregunta antes)" }
    KeyYes = "key.yes" { en: "yes", es: "sí" }
    KeyNo = "key.no" { en: "no", es: "no" }
    NameInvisible = "name.invisible" { en: "A name cannot hold the invisible or control character {code}.", es: "Un nombre no puede llevar el carácter invisible o de control {code}." }
    // Arriving, switching branch, leaving.
    Welcome = "status.welcome" { en: "Welcome! → starts the lesson · ? every key · q quits", es: "¡Bienvenido! → empieza la lección · ? todas las teclas · q sale" }
    /// The header's branch when there are several: "Branch 2/4: What if…".
    BranchOf = "header.branch_of" { en: "Branch {n}/{total}: {name}", es: "Rama {n}/{total}: {name}" }
    /// Said on switching branch ({name}, then the branch's description when it has one).
    BranchSwitched = "status.branch_switched" { en: "Branch {n} of {total}: {name}", es: "Rama {n} de {total}: {name}" }
    /// The line printed after quitting. {of}: `plain.of`; {branch}: `exit.of_branch` or nothing.
    ExitSaved = "exit.saved" { en: "Saved at step {step}{of}{branch}; `{command}` resumes there.", es: "Guardado en el paso {step}{of}{branch}; `{command}` sigue ahí." }
    ExitNotSaved = "exit.not_saved" { en: "Left at step {step}{of}{branch}; not saved (--no-save or a read-only store).", es: "Dejado en el paso {step}{of}{branch}; sin guardar (--no-save o un almacén de solo lectura)." }
    ExitOfBranch = "exit.of_branch" { en: " of “{name}”", es: " de “{name}”" }
    ExitNothing = "exit.nothing" { en: "Nothing to save yet.", es: "Aún no hay nada que guardar." }
    // The glossary (`?` lists the terms a lesson uses; the terms stay as Cognito names them).
    HelpGlossary = "help.glossary" { en: "Words in this lesson", es: "Términos de esta lección" }
    GlossaryUserPool = "glossary.user_pool" { en: "Cognito's directory of users for an app: it checks passwords and issues tokens.", es: "El directorio de usuarios de Cognito para una app (grupo de usuarios): comprueba contraseñas y emite tokens." }
    GlossaryAppClient = "glossary.app_client" { en: "The app's entry in a user pool; its client_id goes with every sign-in request and into the tokens.", es: "La entrada de la app en un grupo de usuarios; su client_id va en cada petición de inicio de sesión y dentro de los tokens." }
    GlossaryExplicitAuthFlows = "glossary.explicit_auth_flows" { en: "The sign-in flows an app client allows (ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH…); any other flow is refused.", es: "Los flujos de inicio de sesión que permite un cliente de app (ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH…); cualquier otro flujo se rechaza." }
    GlossaryPreventUserExistenceErrors = "glossary.prevent_user_existence_errors" { en: "An app client setting: when ENABLED, an unknown username gets the same answer as a wrong password, so nobody can find out which users exist.", es: "Un ajuste del cliente de app: con ENABLED, un nombre de usuario desconocido recibe la misma respuesta que una contraseña incorrecta, así nadie puede averiguar qué usuarios existen." }
    GlossaryInitiateAuth = "glossary.initiate_auth" { en: "The call that starts a sign-in: the flow, the client id and the credentials (or SRP's A).", es: "La llamada que empieza un inicio de sesión: el flujo, el id de cliente y las credenciales (o la A de SRP)." }
    GlossaryChallenge = "glossary.challenge" { en: "Cognito's answer that one more thing is needed before tokens (NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA, PASSWORD_VERIFIER…); the app answers with RespondToAuthChallenge.", es: "La respuesta de Cognito de que falta algo más antes de los tokens (NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA, PASSWORD_VERIFIER…); la app contesta con RespondToAuthChallenge." }
    GlossarySession = "glossary.session" { en: "An opaque string that comes with a challenge; the app sends it back with the answer. It expires after 3 minutes by default.", es: "Una cadena opaca que llega con un desafío; la app la devuelve con la respuesta. Caduca a los 3 minutos por defecto." }
    GlossarySrp = "glossary.srp" { en: "Secure Remote Password (USER_SRP_AUTH): the device proves it knows the password without ever sending it.", es: "Secure Remote Password (USER_SRP_AUTH): el dispositivo demuestra que conoce la contraseña sin enviarla nunca." }
    GlossaryJwt = "glossary.jwt" { en: "JSON Web Token: header.payload.signature, each base64url. Anyone can read it; only the holder of the private key can sign it.", es: "JSON Web Token: cabecera.contenido.firma, cada parte en base64url. Cualquiera puede leerlo; solo quien tiene la clave privada puede firmarlo." }
    GlossaryJwks = "glossary.jwks" { en: "JSON Web Key Set: the pool's public keys, at /.well-known/jwks.json; an app checks a token's signature with them.", es: "JSON Web Key Set: las claves públicas del grupo, en /.well-known/jwks.json; una app comprueba con ellas la firma de un token." }
    GlossaryKid = "glossary.kid" { en: "Key id, in a JWT's header: which key of the JWKS signed it.", es: "Id de clave, en la cabecera de un JWT: qué clave del JWKS lo firmó." }
    GlossaryIdToken = "glossary.id_token" { en: "A JWT saying who the user is (sub, email, cognito:username); token_use is id.", es: "Un JWT que dice quién es el usuario (sub, email, cognito:username); token_use es id." }
    GlossaryAccessToken = "glossary.access_token" { en: "A JWT that lets the app call APIs for the user (scope, client_id); token_use is access.", es: "Un JWT que permite a la app llamar a APIs en nombre del usuario (scope, client_id); token_use es access." }
    GlossaryRefreshToken = "glossary.refresh_token" { en: "An encrypted token (not readable) that buys new ID and access tokens without the password, for 30 days by default.", es: "Un token cifrado (no legible) que consigue nuevos tokens de ID y de acceso sin la contraseña, durante 30 días por defecto." }
    GlossaryGlobalSignOut = "glossary.global_sign_out" { en: "Revokes every refresh token of the user and the access tokens made from them; offline checks of a JWT cannot see this.", es: "Revoca todos los tokens de actualización del usuario y los tokens de acceso obtenidos con ellos; las comprobaciones sin conexión de un JWT no lo ven." }
    GlossaryTotp = "glossary.totp" { en: "A time-based one-time code from an authenticator app (SOFTWARE_TOKEN_MFA).", es: "Un código de un solo uso basado en la hora, de una app de autenticación (SOFTWARE_TOKEN_MFA)." }
    GlossaryArgon2id = "glossary.argon2id" { en: "The password hash this mock uses (a stand-in: AWS does not document Cognito's).", es: "El hash de contraseñas que usa este simulador (un sustituto: AWS no documenta el de Cognito)." }
    // The footer's hints.
    KeyNext = "key.next" { en: "next", es: "siguiente" }
    KeyBack = "key.back" { en: "back", es: "atrás" }
    KeyModes = "key.modes" { en: "modes", es: "modos" }
    KeyGoToStep = "key.go_to_step" { en: "go to step", es: "ir al paso" }
    KeyBranch = "key.branch" { en: "branch", es: "rama" }
    KeyScroll = "key.scroll" { en: "scroll", es: "desplazar" }
    KeyHelp = "key.help" { en: "help", es: "ayuda" }
    KeyQuit = "key.quit" { en: "quit", es: "salir" }
    KeyClose = "key.close" { en: "close", es: "cerrar" }
    KeyChoose = "key.choose" { en: "choose", es: "elegir" }
    KeyPredict = "key.predict" { en: "predict", es: "predecir" }
    KeySkip = "key.skip" { en: "skip", es: "saltar" }
    KeyNotNow = "key.not_now" { en: "not now", es: "ahora no" }
    KeyAnswer = "key.answer" { en: "answer", es: "responder" }
    KeyHint = "key.hint" { en: "hint", es: "pista" }
    KeyReveal = "key.reveal" { en: "reveal", es: "mostrar" }
    KeyBackToQuestion = "key.back_to_question" { en: "back to the question", es: "volver a la pregunta" }
    KeyField = "key.field" { en: "field", es: "campo" }
    KeyLeave = "key.leave" { en: "leave", es: "salir del formulario" }
    KeyOtherToken = "key.other_token" { en: "other token", es: "otro token" }
    KeyRequest = "key.request" { en: "request", es: "petición" }
    KeyRetryAll = "key.retry_all" { en: "retry all", es: "repetir todas" }
    KeyRetryMissed = "key.retry_missed" { en: "retry missed", es: "repetir falladas" }
    KeyReview = "key.review" { en: "review", es: "repasar" }
    KeyRows = "key.rows" { en: "rows", es: "filas" }
    KeyRun = "key.run" { en: "run", es: "ejecutar" }
    KeyLetItGoOn = "key.let_it_go_on" { en: "let it go on", es: "dejarla seguir" }
    KeyClockMinute = "key.clock_minute" { en: "clock +1 min", es: "reloj +1 min" }
    KeyClockHour = "key.clock_hour" { en: "+1 h", es: "+1 h" }
    KeyCalls = "key.calls" { en: "calls", es: "llamadas" }
    KeyLanguage = "key.language" { en: "language", es: "lenguaje" }
    KeyCopy = "key.copy" { en: "copy", es: "copiar" }
    KeyLab = "key.lab" { en: "the lab", es: "el laboratorio" }
    KeyTryIt = "key.try_it" { en: "try it", es: "pruébalo" }
    KeyShowStep = "key.show_step" { en: "show step", es: "ver el paso" }
    KeyNextQuestion = "key.next_question" { en: "next question", es: "siguiente pregunta" }
    KeyGo = "key.go" { en: "go", es: "ir" }
    KeyCancel = "key.cancel" { en: "cancel", es: "cancelar" }
    GoToStep = "footer.go_to_step" { en: "Go to step: ", es: "Ir al paso: " }
    // Predictions.
    PredictNoneOnBranch = "predict.none_on_branch" { en: "Predictions: none on this branch.", es: "Predicciones: ninguna en esta rama." }
    PredictNoneYetOne = "predict.none_yet_one" { en: "Predictions: none yet (step {step} asks one as you step onto it).", es: "Predicciones: ninguna aún (el paso {step} pide una al llegar a él)." }
    PredictNoneYetMany = "predict.none_yet_many" { en: "Predictions: none yet (steps {steps} and {last} ask one as you step onto them).", es: "Predicciones: ninguna aún (los pasos {steps} y {last} piden una al llegar a ellos)." }
    PredictScore = "predict.score" { en: "Predictions: {right} of {total} right.", es: "Predicciones: {right} de {total} acertadas." }
    /// The legend of the marks beside a step that asks a prediction (table rows, sample lines).
    MarkAsks = "predict.mark.asks" { en: "asks a prediction", es: "pide una predicción" }
    MarkRight = "predict.mark.right" { en: "predicted right", es: "predicción acertada" }
    MarkWrong = "predict.mark.wrong" { en: "predicted wrong", es: "predicción fallada" }
    MarkSkipped = "predict.mark.skipped" { en: "prediction skipped", es: "predicción saltada" }
    Keys = "keys" { en: "Keys: ", es: "Teclas: " }
    PredictKeys = "predict.keys" { en: "↑ ↓ or a letter chooses · Enter predicts and shows step {n} · s or → skips · Esc stays on step {before}", es: "↑ ↓ o una letra elige · Enter predice y muestra el paso {n} · s o → salta · Esc se queda en el paso {before}" }
    PredictTitle = "predict.title" { en: "Predict · step {n} · {action}", es: "Predice · paso {n} · {action}" }
    PredictRight = "predict.right" { en: "Your prediction {choice}: right.", es: "Tu predicción {choice}: correcta." }
    PredictWrong = "predict.wrong" { en: "Your prediction: {letter}. The answer: {choice}.", es: "Tu predicción: {letter}. La respuesta: {choice}." }
    // Plain mode (and mode 8's step lines).
    /// "Step 2 of 5: App sends… Cognito response: … Result: …".
    PlainStep = "plain.step" { en: "Step {n}{of}: {action} Cognito response: {response} Result: {result}", es: "Paso {n}{of}: {action} Respuesta de Cognito: {response} Resultado: {result}" }
    PlainOf = "plain.of" { en: " of {total}", es: " de {total}" }
    PlainNothing = "plain.nothing" { en: "none.", es: "ninguna." }
    PlainInput = "plain.input" { en: "Input: {input}", es: "Entrada: {input}" }
    PlainWhy = "plain.why" { en: "Why: {text}", es: "Por qué: {text}" }
    PlainCode = "plain.code" { en: "The app's code:", es: "El código de la app:" }
    PlainChanged = "plain.changed" { en: "Changed: {changed}.", es: "Cambios: {changed}." }
    PlainMainPath = "plain.main_path" { en: "the main path", es: "el camino principal" }
    PlainBranch = "plain.branch" { en: "Branch: {name} ({total} steps).", es: "Rama: {name} ({total} pasos)." }
    // An authorize request explained, parameter by parameter (the step panel, lesson and live view).
    AuthorizeHeading = "authorize.heading" { en: "The authorize request, parameter by parameter", es: "La petición authorize, parámetro a parámetro" }
    AuthorizeNotSent = "authorize.not_sent" { en: "(not sent)", es: "(no enviado)" }
    AuthorizeFor = "authorize.for" { en: "For: ", es: "Para: " }
    AuthorizeChecks = "authorize.checks" { en: "Cognito checks: ", es: "Cognito comprueba: " }
    AuthorizeResponseTypeFor = "authorize.response_type.for" { en: "what the app wants back: code (a one-time code in the redirect's query, for the token endpoint) or token (the implicit flow: tokens in the fragment).", es: "lo que la app quiere recibir: code (un código de un solo uso en la consulta de la redirección, para el endpoint de tokens) o token (el flujo implícito: tokens en el fragmento)." }
    AuthorizeResponseTypeCheck = "authorize.response_type.check" { en: "it is there and is code or token, and the app client allows that flow; otherwise the browser goes back with error=invalid_request or unauthorized_client.", es: "que esté y sea code o token, y que el cliente de la app permita ese flujo; si no, el navegador vuelve con error=invalid_request o unauthorized_client." }
    AuthorizeClientIdFor = "authorize.client_id.for" { en: "which app client signs the user in: its settings decide the callback URLs, flows and scopes allowed.", es: "qué cliente de la app inicia la sesión del usuario: su configuración decide las URL de retorno, los flujos y los ámbitos permitidos." }
    AuthorizeClientIdCheck = "authorize.client_id.check" { en: "it names an app client of this pool with the hosted UI (OAuth) on; an unknown client is an error page, never a redirect.", es: "que nombre un cliente de la app de este grupo con la interfaz alojada (OAuth) activada; un cliente desconocido es una página de error, nunca una redirección." }
    AuthorizeRedirectUriFor = "authorize.redirect_uri.for" { en: "where the browser is sent back with the code (or the error).", es: "adónde se devuelve al navegador con el código (o el error)." }
    AuthorizeRedirectUriCheck = "authorize.redirect_uri.check" { en: "it equals one of the client's callback URLs byte for byte (https, or http only for localhost); otherwise an error page, so a code never reaches a stranger's URL.", es: "que sea idéntica, byte a byte, a una de las URL de retorno del cliente (https, o http solo para localhost); si no, una página de error, para que un código nunca llegue a la URL de un extraño." }
    AuthorizeScopeFor = "authorize.scope.for" { en: "what the tokens are for: openid gives an ID token and userInfo, email and profile shape the claims, aws.cognito.signin.user.admin lets the access token call the user APIs.", es: "para qué sirven los tokens: openid da un token de ID y userInfo, email y profile deciden los claims, aws.cognito.signin.user.admin deja al token de acceso llamar a las API de usuario." }
    AuthorizeScopeCheck = "authorize.scope.check" { en: "each scope is well formed; those the client may not have are dropped, and none left is error=invalid_scope; none sent means all of the client's.", es: "que cada ámbito esté bien formado; los que el cliente no puede tener se descartan, y si no queda ninguno es error=invalid_scope; sin ninguno, todos los del cliente." }
    AuthorizeStateFor = "authorize.state.for" { en: "a value of the app's, echoed back with the code: the app checks it to know the answer is for a sign-in it started (CSRF).", es: "un valor de la app que vuelve con el código: la app lo comprueba para saber que la respuesta es de un inicio de sesión que ella empezó (CSRF)." }
    AuthorizeStateCheck = "authorize.state.check" { en: "nothing: Cognito only echoes it back, on errors too.", es: "nada: Cognito solo lo devuelve, también con los errores." }
    AuthorizeChallengeFor = "authorize.code_challenge.for" { en: "PKCE: BASE64URL(SHA-256(code_verifier)). The verifier stays in the app, so whoever steals the code cannot redeem it.", es: "PKCE: BASE64URL(SHA-256(code_verifier)). El verificador se queda en la app, así que quien robe el código no puede canjearlo." }
    AuthorizeChallengeCheck = "authorize.code_challenge.check" { en: "it comes with code_challenge_method; at the token endpoint the verifier's S256 must equal it.", es: "que venga con code_challenge_method; en el endpoint de tokens, el S256 del verificador debe ser igual a él." }
    AuthorizeMethodFor = "authorize.code_challenge_method.for" { en: "how the challenge was made from the verifier.", es: "cómo se obtuvo el desafío a partir del verificador." }
    AuthorizeMethodCheck = "authorize.code_challenge_method.check" { en: "it is S256, Cognito takes no other (plain is error=invalid_request); a method without a challenge is refused too.", es: "que sea S256, Cognito no acepta otro (plain es error=invalid_request); un método sin desafío también se rechaza." }
    AuthorizeNonceFor = "authorize.nonce.for" { en: "a value of the app's that Cognito copies into the ID token, so the app can tell the token was minted for this sign-in (no replay).", es: "un valor de la app que Cognito copia en el token de ID, para que la app sepa que el token se emitió para este inicio de sesión (sin repetición)." }
    AuthorizeNonceCheck = "authorize.nonce.check" { en: "nothing at authorize: it goes into the ID token, and the app compares it.", es: "nada en authorize: va al token de ID, y la app lo compara." }
    // The hosted UI's pages (`cogflow serve`'s managed login, picked by `?lang=` as Cognito's is).
    HostedSignIn = "hosted.sign_in" { en: "Sign in", es: "Iniciar sesión" }
    HostedSignInLead = "hosted.sign_in.lead" { en: "Sign in with your username and password.", es: "Inicia sesión con tu nombre de usuario y tu contraseña." }
    HostedUsername = "hosted.username" { en: "Username", es: "Nombre de usuario" }
    HostedPassword = "hosted.password" { en: "Password", es: "Contraseña" }
    HostedSubmit = "hosted.submit" { en: "Sign in", es: "Iniciar sesión" }
    HostedNewPasswordHeading = "hosted.new_password" { en: "Change your password", es: "Cambia tu contraseña" }
    HostedNewPasswordLead = "hosted.new_password.lead" { en: "Your temporary password has to be replaced before you can sign in.", es: "Tienes que sustituir tu contraseña temporal antes de iniciar sesión." }
    HostedNewPasswordField = "hosted.new_password.field" { en: "New password", es: "Contraseña nueva" }
    HostedNewPasswordSubmit = "hosted.new_password.submit" { en: "Change password and sign in", es: "Cambiar la contraseña e iniciar sesión" }
    HostedTotpHeading = "hosted.totp" { en: "Enter your authenticator code", es: "Introduce el código de tu autenticador" }
    HostedTotpLead = "hosted.totp.lead" { en: "Type the 6-digit code your authenticator app shows now.", es: "Escribe el código de 6 dígitos que muestra ahora tu aplicación de autenticación." }
    HostedTotpField = "hosted.totp.field" { en: "Code", es: "Código" }
    HostedTotpSubmit = "hosted.totp.submit" { en: "Verify and sign in", es: "Verificar e iniciar sesión" }
    HostedErrorHeading = "hosted.error" { en: "An error was encountered with the requested page.", es: "Se ha producido un error con la página solicitada." }
    /// Before an error message on a page (Cognito's message itself stays in English).
    HostedErrorPrefix = "hosted.error.prefix" { en: "Error:", es: "Error:" }
    HostedFormExpired = "hosted.form_expired" { en: "The sign-in form expired; sign in again.", es: "El formulario de inicio de sesión caducó; vuelve a iniciar sesión." }
    HostedFooter = "hosted.footer" { en: "cogflow serve: the managed login page of a mock Amazon Cognito user pool.", es: "cogflow serve: la página de inicio de sesión administrado de un grupo de usuarios simulado de Amazon Cognito." }
    PlainMinutes = "plain.minutes" { en: " (about {n} minutes)", es: " (unos {n} minutos)" }
    PlainJwt = "plain.jwt" { en: "a JWT of {n} characters", es: "un JWT de {n} caracteres" }
    /// "authStatus: none to valid".
    PlainChange = "plain.change" { en: "{name}: {old} to {new}", es: "{name}: de {old} a {new}" }
    PlainCall = "plain.call" { en: "Cognito call: {operation} {status}", es: "Llamada a Cognito: {operation} {status}" }
    PlainAnsweredError = "plain.answered_error" { en: "answered HTTP {code}, {exception}: {message}", es: "respondió HTTP {code}, {exception}: {message}" }
    PlainAnswered = "plain.answered" { en: "answered HTTP {code}.", es: "respondió HTTP {code}." }
    PlainNotAnswered = "plain.not_answered" { en: "sent; Cognito has not answered yet.", es: "enviada; Cognito aún no ha respondido." }
    PlainSrp = "plain.srp" { en: "SRP, {side} computed {name} ({meaning}): {value}", es: "SRP, {side} calculó {name} ({meaning}): {value}" }
    PlainCrypto = "plain.crypto" { en: "Cryptography: {operation} ({params}){time}: {why}.", es: "Criptografía: {operation} ({params}){time}: {why}." }
    PlainTook = "plain.took" { en: " took {ms} ms", es: " tardó {ms} ms" }
    PlainCheckPassed = "plain.check_passed" { en: "Check passed: {name}: {detail}", es: "Comprobación superada: {name}: {detail}" }
    PlainCheckFailed = "plain.check_failed" { en: "Check FAILED: {name}: {detail}", es: "Comprobación FALLIDA: {name}: {detail}" }
    /// One of Cognito's checks that failed, in the "Cognito checked" line.
    PlainCognitoFailed = "plain.cognito_failed" { en: "{name}: FAILED, {detail}", es: "{name}: FALLIDA, {detail}" }
    PlainAllPassed = "plain.all_passed" { en: "{passed}: all passed.", es: "{passed}: todas superadas." }
    PlainSomePassed = "plain.some_passed" { en: "{passed}: passed; {failed}.", es: "{passed}: superadas; {failed}." }
    PlainHelp = "plain.help" { en: "Commands (type one and press Enter):\n  Enter or n   next step (a step with a prediction asks it first)\n  b            back one step\n  g            first step\n  a number     go to that step\n  v            switch branch (for example: what if the password is wrong?)\n  reset        start this lesson over: forget its step, predictions and quiz answers (asks first)\n  ?            this help\n  q            quit (end of input quits too)", es: "Órdenes (escribe una y pulsa Enter):\n  Enter o n    paso siguiente (un paso con predicción la pide antes)\n  b            un paso atrás\n  g            primer paso\n  un número    ir a ese paso\n  v            cambiar de rama (por ejemplo: ¿y si la contraseña es incorrecta?)\n  reset        empezar esta lección de nuevo: olvida su paso, sus predicciones y sus respuestas (pregunta antes)\n  ?            esta ayuda\n  q            salir (el fin de la entrada también sale)" }
    PlainPrompt = "plain.prompt" { en: "Enter next, b back, q quit, ? help: ", es: "Enter sigue, b atrás, q sale, ? ayuda: " }
    PlainPredictPrompt = "plain.predict_prompt" { en: "Your prediction (a letter; Enter or s skips): ", es: "Tu predicción (una letra; Enter o s la salta): " }
    PlainPredictBefore = "plain.predict_before" { en: "Predict before step {n} of {total}: {prompt}", es: "Predice antes del paso {n} de {total}: {prompt}" }
    PlainPleaseType = "plain.please_type" { en: "Please type {letters}, or press Enter to skip.", es: "Escribe {letters}, o pulsa Enter para saltarla." }
    /// Between the last two letters of a list: "A, B or C".
    Or = "or" { en: "or", es: "o" }
    PlainUngradable = "plain.ungradable" { en: "This prediction cannot be graded: {error}", es: "Esta predicción no se puede corregir: {error}" }
    PlainRight = "plain.right" { en: "Right: you predicted {said}.", es: "Correcto: predijiste {said}." }
    PlainNotQuite = "plain.not_quite" { en: "Not quite: you predicted {said}; the answer is {answer}.", es: "No exactamente: predijiste {said}; la respuesta es {answer}." }
    PlainPassedOne = "plain.passed_one" { en: "Passed over the prediction of step {step} (to make it, go back before it and step forward with Enter).", es: "Pasaste la predicción del paso {step} (para hacerla, vuelve antes de él y avanza con Enter)." }
    PlainPassedMany = "plain.passed_many" { en: "Passed over the predictions of steps {steps} and {last} (to make them, go back before them and step forward with Enter).", es: "Pasaste las predicciones de los pasos {steps} y {last} (para hacerlas, vuelve antes de ellos y avanza con Enter)." }
    AtFirst = "nav.at_first" { en: "This is the first step.", es: "Este es el primer paso." }
    PlainNoSuchStep = "plain.no_such_step" { en: "There is no such step; this branch has steps 1 to {total}.", es: "No existe ese paso; esta rama tiene los pasos 1 a {total}." }
    NoStep = "nav.no_step" { en: "There is no step {n}; this branch has steps 1 to {total}.", es: "No existe el paso {n}; esta rama tiene los pasos 1 a {total}." }
    PlainNoOtherBranch = "plain.no_other_branch" { en: "This lesson has no other branch.", es: "Esta lección no tiene otra rama." }
    PlainLastStep = "plain.last_step" { en: "That was the last step. Outcome: {outcome}. Type b to go back, v for another branch, q to quit.", es: "Ese era el último paso. Resultado: {outcome}. Escribe b para volver, v para otra rama, q para salir." }
    PlainNoVariant = "plain.no_variant" { en: "There is no variant `{wanted}`; showing the main path.", es: "No existe la variante `{wanted}`; se muestra el camino principal." }
    PlainCannotRun = "plain.cannot_run" { en: "This branch cannot be run: {error}", es: "Esta rama no se puede ejecutar: {error}" }
    PlainNoStartStep = "plain.no_start_step" { en: "There is no step {n}; this branch has {total} steps.", es: "No existe el paso {n}; esta rama tiene {total} pasos." }
    PlainNoSteps = "plain.no_steps" { en: "This branch has no steps.", es: "Esta rama no tiene pasos." }
    PlainResumed = "plain.resumed" { en: "Resumed at step {n} — g goes to step 1 · reset starts the lesson over (its step, predictions and quiz answers; it asks first).", es: "Retomado en el paso {n}: g va al paso 1 · reset empieza la lección de nuevo (su paso, predicciones y respuestas; pregunta antes)." }
    /// `reset` in plain mode: the question before it forgets.
    PlainStartOverAsk = "plain.start_over_ask" { en: "Start this lesson over? Its step, predictions and quiz answers are forgotten. yes or no: ", es: "¿Empezar esta lección de nuevo? Se olvidan su paso, sus predicciones y sus respuestas. sí o no: " }
    PlainKept = "plain.kept" { en: "Nothing forgotten: the lesson goes on where it was.", es: "No se olvida nada: la lección sigue donde estaba." }
    PlainSkipped = "plain.skipped" { en: "Skipped the prediction.", es: "Predicción saltada." }
    PlainSeed = "plain.seed" { en: "Seed {seed}: `--seed {seed}` makes every value of this run again.", es: "Semilla {seed}: `--seed {seed}` repite cada valor de esta ejecución." }
    PlainUnknown = "plain.unknown" { en: "Unknown command `{word}`. Enter next, b back, g first, q quit, a number to jump, v branch, reset starts over, ? help.", es: "Orden desconocida `{word}`. Enter sigue, b atrás, g primero, q sale, un número salta, v rama, reset empieza de nuevo, ? ayuda." }
    // What the mock and the engine say in English (check names, cryptography, the token
    // checks), as a lesson in another language says it: `Words::said` reads the English text
    // back through these rows (the mock keeps English: its words are data in JSON outputs).
    SaidUserPool = "said.user_pool" { en: "user pool", es: "grupo de usuarios" }
    SaidAppClient = "said.app_client" { en: "app client", es: "cliente de app" }
    SaidAuthFlow = "said.auth_flow" { en: "auth flow", es: "flujo de autenticación" }
    SaidParameters = "said.parameters" { en: "request parameters", es: "parámetros de la petición" }
    SaidUserExists = "said.user_exists" { en: "user exists", es: "el usuario existe" }
    SaidUserEnabled = "said.user_enabled" { en: "user enabled", es: "usuario activo" }
    SaidNotLockedOut = "said.not_locked_out" { en: "not locked out", es: "sin bloqueo" }
    SaidUserConfirmed = "said.user_confirmed" { en: "user confirmed", es: "usuario confirmado" }
    SaidPassword = "said.password" { en: "password (argon2id, the mock's stand-in)", es: "contraseña (argon2id, el sustituto del simulador)" }
    SaidNoReset = "said.no_reset" { en: "no reset required", es: "sin restablecimiento pendiente" }
    SaidChallenges = "said.challenges" { en: "challenges", es: "desafíos" }
    SaidSecretHash = "said.secret_hash" { en: "secret hash", es: "hash secreto" }
    SaidNoMatch = "said.no_match" { en: "argon2id verify: no match (failed attempt {n})", es: "verificación argon2id: no coincide (intento fallido {n})" }
    SaidNoUser = "said.no_user" { en: "no user {user}; PreventUserExistenceErrors is ENABLED, so a dummy hash was verified (same cost as a real one) and the answer is the one a wrong password gets", es: "no hay usuario {user}; PreventUserExistenceErrors está en ENABLED, así que se verificó un hash ficticio (el mismo coste que uno real) y la respuesta es la de una contraseña incorrecta" }
    SaidFlowOff = "said.flow_off" { en: "{flow} is not in the client's ExplicitAuthFlows", es: "{flow} no está en los ExplicitAuthFlows del cliente" }
    SaidFormat = "said.format" { en: "format", es: "formato" }
    SaidSignature = "said.signature" { en: "signature", es: "firma" }
    SaidFormatOk = "said.format_ok" { en: "three base64url parts; header and payload are JSON", es: "tres partes base64url; la cabecera y el contenido son JSON" }
    SaidAlgOk = "said.alg_ok" { en: "RS256 (RSA signature with SHA-256), as Cognito signs", es: "RS256 (firma RSA con SHA-256), como firma Cognito" }
    SaidKidFound = "said.kid_found" { en: "{kid} is in the pool's JWKS", es: "{kid} está en el JWKS del grupo" }
    SaidKidMissing = "said.kid_missing" { en: "{kid} is not in the pool's JWKS", es: "{kid} no está en el JWKS del grupo" }
    SaidSignatureOk = "said.signature_ok" { en: "RS256 signature verifies with the JWKS key", es: "la firma RS256 se verifica con la clave del JWKS" }
    SaidExpires = "said.expires" { en: "expires at {time}, {span} after the lesson clock", es: "caduca a las {time}, {span} después del reloj de la lección" }
    SaidExpired = "said.expired" { en: "expired at {time}, {span} before the lesson clock", es: "caducó a las {time}, {span} antes del reloj de la lección" }
    // A live session's token checks read the served clock at the call's time.
    SaidExpiresServed = "said.expires_served" { en: "expires at {time}, {span} after this call (the served clock)", es: "caduca a las {time}, {span} después de esta llamada (el reloj del servidor)" }
    SaidExpiredServed = "said.expired_served" { en: "expired at {time}, {span} before this call (the served clock)", es: "caducó a las {time}, {span} antes de esta llamada (el reloj del servidor)" }
    SaidIss = "said.iss" { en: "{value}: this pool's issuer", es: "{value}: el emisor de este grupo" }
    SaidClientId = "said.client_id" { en: "{value}: this app's client id", es: "{value}: el id de cliente de esta app" }
    SaidTokenUse = "said.token_use" { en: "{value}: the kind of token expected", es: "{value}: el tipo de token esperado" }
    SaidClaimExpected = "said.claim_expected" { en: "{value}, expected {want}", es: "{value}, se esperaba {want}" }
    SaidDay = "said.day" { en: "{n} day", es: "{n} día" }
    SaidDays = "said.days" { en: "{n} days", es: "{n} días" }
    SaidHour = "said.hour" { en: "{n} hour", es: "{n} hora" }
    SaidHours = "said.hours" { en: "{n} hours", es: "{n} horas" }
    SaidMinute = "said.minute" { en: "{n} minute", es: "{n} minuto" }
    SaidMinutes = "said.minutes" { en: "{n} minutes", es: "{n} minutos" }
    SaidSecond = "said.second" { en: "{n} second", es: "{n} segundo" }
    SaidSeconds = "said.seconds" { en: "{n} seconds", es: "{n} segundos" }
    SaidArgonVerify = "said.argon2_verify" { en: "argon2id verify", es: "verificación argon2id" }
    SaidArgonDummy = "said.argon2_dummy" { en: "argon2id verify (dummy hash: unknown user)", es: "verificación argon2id (hash ficticio: usuario desconocido)" }
    SaidArgonHash = "said.argon2_hash" { en: "argon2id hash", es: "hash argon2id" }
    SaidSign = "said.sign" { en: "RS256 sign", es: "firma RS256" }
    SaidVerifyOffline = "said.verify_offline" { en: "RS256 verify (app, offline)", es: "verificación RS256 (app, sin conexión)" }
    SaidVerify = "said.verify" { en: "RS256 verify", es: "verificación RS256" }
    SaidKeyGeneration = "said.key_generation" { en: "RSA-2048 key generation", es: "generación de claves RSA-2048" }
    SaidIdToken = "said.id_token" { en: "ID token", es: "token de ID" }
    SaidAccessToken = "said.access_token" { en: "access token", es: "token de acceso" }
    SaidKeyByKid = "said.key_by_kid" { en: "key by kid from the JWKS", es: "clave por kid del JWKS" }
    SaidWhyArgon = "said.why_argon2" { en: "the mock's stand-in for Cognito's undocumented hash, deliberately slow to resist guessing", es: "el sustituto del simulador para el hash no documentado de Cognito, lento a propósito para resistir a quien adivina" }
    SaidWhyKeys = "said.why_keys" { en: "once per pool: the keys that sign tokens", es: "una vez por grupo: las claves que firman los tokens" }
    SaidWhySign = "said.why_sign" { en: "signing a token with the pool's private key", es: "firmar un token con la clave privada del grupo" }
    SaidWhyVerify = "said.why_verify" { en: "checking a signature with the public key", es: "comprobar una firma con la clave pública" }
    SaidWhySrp = "said.why_srp" { en: "3072-bit modular exponentiation (SRP-6a)", es: "exponenciación modular de 3072 bits (SRP-6a)" }
    // What the mock writes of a check that passed (the sign-in checks' details).
    SaidClientInPool = "said.client_in_pool" { en: "client {client} belongs to pool {pool}", es: "el cliente {client} pertenece al grupo {pool}" }
    SaidClientAllowsThe = "said.client_allows_the" { en: "the client allows the {flow} flow", es: "el cliente permite el flujo {flow}" }
    SaidClientAllows = "said.client_allows" { en: "the client allows {flow}", es: "el cliente permite {flow}" }
    SaidPresentAnd = "said.present_and" { en: "{names} and {last} present", es: "{names} y {last} presentes" }
    SaidPresent = "said.present" { en: "{names} present", es: "{names} presente" }
    SaidUserFound = "said.user_found" { en: "user {user} found", es: "usuario {user} encontrado" }
    SaidIsEnabled = "said.is_enabled" { en: "the user is enabled", es: "el usuario está activo" }
    SaidNotLocked = "said.not_locked" { en: "not locked ({n} failed attempts so far)", es: "sin bloqueo ({n} intentos fallidos hasta ahora)" }
    SaidStatus = "said.status" { en: "status {status}", es: "estado {status}" }
    SaidPasswordMatches = "said.password_matches" { en: "argon2id verify: the password matches the stored hash", es: "verificación argon2id: la contraseña coincide con el hash guardado" }
    SaidNoResetPending = "said.no_reset_pending" { en: "no password reset pending", es: "ningún restablecimiento de contraseña pendiente" }
    SaidNoneDue = "said.none_due" { en: "none due: tokens can be issued", es: "ninguno pendiente: se pueden emitir tokens" }
    SaidNone = "said.none" { en: "none: tokens can be issued", es: "ninguno: se pueden emitir tokens" }
    // The pool's password policy, as `PasswordPolicy::describe` writes it (a list: each part said).
    SaidAtLeast = "said.at_least" { en: "at least {n} characters", es: "al menos {n} caracteres" }
    SaidUppercase = "said.uppercase" { en: "uppercase", es: "mayúsculas" }
    SaidLowercase = "said.lowercase" { en: "lowercase", es: "minúsculas" }
    SaidNumbers = "said.numbers" { en: "numbers", es: "números" }
    SaidSymbols = "said.symbols" { en: "symbols", es: "símbolos" }
    // Mode 9: the token taken apart (ui/token.rs). What each header field and claim means.
    ClaimAlg = "claim.alg" { en: "the signing algorithm: RSA with SHA-256", es: "el algoritmo de firma: RSA con SHA-256" }
    ClaimKid = "claim.kid" { en: "which key in the pool's JWKS signed it", es: "qué clave del JWKS del grupo lo firmó" }
    ClaimTyp = "claim.typ" { en: "the kind of token", es: "el tipo de token" }
    ClaimSub = "claim.sub" { en: "the user's permanent, unique id in this pool", es: "el id permanente y único del usuario en este grupo" }
    ClaimIss = "claim.iss" { en: "who issued it: this pool's URL (the app checks it)", es: "quién lo emitió: la URL de este grupo (la app lo comprueba)" }
    ClaimAud = "claim.aud" { en: "the app client it is for (the app checks it)", es: "el cliente de app al que va dirigido (la app lo comprueba)" }
    ClaimClientId = "claim.client_id" { en: "the app client it was issued to (the app checks it)", es: "el cliente de app al que se emitió (la app lo comprueba)" }
    ClaimTokenUseAccess = "claim.token_use.access" { en: "access: lets the app call APIs for the user", es: "access: permite a la app llamar a APIs en nombre del usuario" }
    ClaimTokenUseId = "claim.token_use.id" { en: "id: says who the user is", es: "id: dice quién es el usuario" }
    ClaimAuthTime = "claim.auth_time" { en: "when the user signed in", es: "cuándo inició sesión el usuario" }
    ClaimIat = "claim.iat" { en: "when it was issued", es: "cuándo se emitió" }
    ClaimExp = "claim.exp" { en: "when it expires (the app checks it)", es: "cuándo caduca (la app lo comprueba)" }
    ClaimJti = "claim.jti" { en: "this token's own unique id", es: "el id único de este token" }
    ClaimOriginJti = "claim.origin_jti" { en: "ties the tokens of one sign-in together (for revoking)", es: "une los tokens de un mismo inicio de sesión (para revocarlos)" }
    ClaimEventId = "claim.event_id" { en: "the sign-in event it came from", es: "el evento de inicio de sesión del que sale" }
    ClaimUsername = "claim.username" { en: "the username", es: "el nombre de usuario" }
    ClaimEmail = "claim.email" { en: "the user's email attribute", es: "el atributo de correo del usuario" }
    ClaimEmailVerified = "claim.email_verified" { en: "whether that email was verified", es: "si ese correo se verificó" }
    ClaimScope = "claim.scope" { en: "what the access token allows", es: "lo que permite el token de acceso" }
    ClaimGroups = "claim.groups" { en: "the groups the user belongs to", es: "los grupos a los que pertenece el usuario" }
    ClaimName = "claim.name" { en: "the user's name attribute", es: "el atributo de nombre del usuario" }
    ClaimCustom = "claim.custom" { en: "a custom attribute of the pool", es: "un atributo personalizado del grupo" }
    ClaimOther = "claim.other" { en: "a claim", es: "un claim" }
    /// A time claim by the lesson clock ({span}: "60 min", "2 h").
    ClaimExpiresIn = "claim.expires_in" { en: "expires in {span}", es: "caduca en {span}" }
    ClaimExpiredAgo = "claim.expired_ago" { en: "expired {span} ago", es: "caducó hace {span}" }
    ClaimIn = "claim.in" { en: "in {span}", es: "dentro de {span}" }
    ClaimAgo = "claim.ago" { en: "{span} ago", es: "hace {span}" }
    ClaimNow = "claim.now" { en: "now", es: "ahora" }
    /// The token panel's title ({kind}: a `token.kind.*` word; {other}: the kind `t` shows;
    /// {copy}: " · y: copy" when there is a token to copy, before the `t` part: a title too
    /// long for its border leaves out its last part, and the footer says t already).
    TokenTitle = "token.title" { en: "The {kind} at step {n}{copy} · t: {other}", es: "El {kind} en el paso {n}{copy} · t: {other}" }
    TokenTitleCall = "token.title.call" { en: "The {kind} at call {n}{copy} · t: {other}", es: "El {kind} en la llamada {n}{copy} · t: {other}" }
    /// {values}: `token.values.srp` or `token.values.pkce`.
    TokenTitleValues = "token.title.values" { en: "The {kind} and the {values} at step {n}{copy} · t: {other}", es: "El {kind} y los {values} en el paso {n}{copy} · t: {other}" }
    TokenTitleValuesCall = "token.title.values_call" { en: "The {kind} and the {values} at call {n}{copy} · t: {other}", es: "El {kind} y los {values} en la llamada {n}{copy} · t: {other}" }
    TokenTitleNone = "token.title.none" { en: "The {kind} · t: {other}", es: "El {kind} · t: {other}" }
    TokenValuesSrp = "token.values.srp" { en: "SRP numbers", es: "números SRP" }
    TokenValuesPkce = "token.values.pkce" { en: "PKCE values", es: "valores PKCE" }
    TokenNoneAfterError = "token.none_after_error" { en: "The app holds no token: at step {step} Cognito answered {exception}, so none was issued. The app cannot grant access.", es: "La app no tiene ningún token: en el paso {step} Cognito respondió {exception}, así que no se emitió ninguno. La app no puede dar acceso." }
    TokenNoneYet = "token.none_yet" { en: "The app holds no {kind} yet at step {step}. Cognito issues tokens when the password checks out; press End to jump to the last step.", es: "La app aún no tiene el {kind} en el paso {step}. Cognito emite los tokens cuando la contraseña es correcta; pulsa End para saltar al último paso." }
    TokenNotAJwt = "token.not_a_jwt" { en: "This token is not a JWT.", es: "Este token no es un JWT." }
    TokenLength = "token.length" { en: "{n} characters: header . payload . signature, each base64url", es: "{n} caracteres: cabecera . contenido . firma, cada parte en base64url" }
    TokenHeader = "token.header" { en: "HEADER  (which key, which algorithm)", es: "CABECERA  (qué clave, qué algoritmo)" }
    TokenPayload = "token.payload" { en: "PAYLOAD  (the claims: readable by anyone, so no secrets)", es: "CONTENIDO  (los claims: cualquiera puede leerlos, así que nada secreto)" }
    TokenSignature = "token.signature" { en: "SIGNATURE", es: "FIRMA" }
    /// {head}: the signature's first characters.
    TokenSignatureText = "token.signature_text" { en: "{head}… ({n} bytes): RSA over header.payload with the pool's private key. Anyone can check it with the public key from the JWKS; nobody can forge it without the private key.", es: "{head}… ({n} bytes): RSA sobre cabecera.contenido con la clave privada del grupo. Cualquiera puede comprobarla con la clave pública del JWKS; nadie puede falsificarla sin la clave privada." }
    TokenAppChecks = "token.app_checks" { en: "The app's checks", es: "Las comprobaciones de la app" }
    TokenChecksLater = "token.checks_later" { en: "The app checks the {kind} before granting access: signature by kid from the JWKS, exp, iss, aud or client_id, token_use. The checks appear when the run is complete.", es: "La app comprueba el {kind} antes de dar acceso: la firma por kid del JWKS, exp, iss, aud o client_id, token_use. Las comprobaciones aparecen cuando la ejecución termina." }
    TokenNothingToCheck = "token.nothing_to_check" { en: "No token, so nothing to check.", es: "No hay token, así que nada que comprobar." }
    TokenCheckedHere = "token.checked_here" { en: "The app checked the {kind} at this step:", es: "La app comprobó el {kind} en este paso:" }
    TokenCheckedAt = "token.checked_at" { en: "The app checked the {kind} at step {step}:", es: "La app comprobó el {kind} en el paso {step}:" }
    TokenChecksPreview = "token.checks_preview" { en: "What the app's checks say about the {kind} now (the lesson's app does not check it at this step):", es: "Lo que dicen ahora las comprobaciones de la app sobre el {kind} (la app de la lección no lo comprueba en este paso):" }
    TokenChecksPreviewLive = "token.checks_preview_live" { en: "What an app's checks say about the {kind} at the time of this call, by the served clock (cogflow checked it for you; your own app must check it itself):", es: "Lo que dicen las comprobaciones de una app sobre el {kind} a la hora de esta llamada, según el reloj del servidor (cogflow lo comprobó por ti; tu propia app debe comprobarlo por su cuenta):" }
    TokenTrusted = "token.trusted" { en: "Every check passed: the app can trust this token.", es: "Todas las comprobaciones pasan: la app puede confiar en este token." }
    TokenUntrusted = "token.untrusted" { en: "A check failed: the app must not trust this token.", es: "Una comprobación falló: la app no debe confiar en este token." }
    SettingUpPool = "setting_up_pool" { en: "Setting up the pool…", es: "Preparando el grupo…" }
    SettingUpUserPool = "setting_up_user_pool" { en: "Setting up the user pool…", es: "Preparando el grupo de usuarios…" }
    // The "try it" form (mode 9's side panel).
    TryItHeading = "try.heading" { en: "Try it", es: "Pruébalo" }
    TryItPanel = "try.panel" { en: "Checks · try it", es: "Comprobaciones · pruébalo" }
    TryUsername = "try.username" { en: "Username", es: "Usuario" }
    TryPassword = "try.password" { en: "Password", es: "Contraseña" }
    /// {reveal}: `try.show` or `try.hide`.
    TryKeys = "try.keys" { en: "Enter runs it · Tab other field · Ctrl-R {reveal} password · Esc leave", es: "Enter lo ejecuta · Tab otro campo · Ctrl-R {reveal} la contraseña · Esc sale" }
    /// A form of more fields than a username and a password. {reveal}: `try.show` or
    /// `try.hide`; {secrets}: `try.secret_one` or `try.secret_two`.
    TryKeysFields = "try.keys_fields" { en: "Enter runs it · Tab ↑↓ next field · Ctrl-R {reveal} {secrets} · Esc leave", es: "Enter lo ejecuta · Tab ↑↓ otro campo · Ctrl-R {reveal} {secrets} · Esc sale" }
    TrySecretOne = "try.secret_one" { en: "password", es: "la contraseña" }
    TrySecretTwo = "try.secret_two" { en: "passwords", es: "las contraseñas" }
    TryConfirmationCode = "try.confirmation_code" { en: "Confirmation code", es: "Código de confirmación" }
    TryTotpCode = "try.totp_code" { en: "TOTP code", es: "Código TOTP" }
    TryNewPassword = "try.new_password" { en: "New password", es: "Contraseña nueva" }
    TryTemporaryPassword = "try.temporary_password" { en: "Temporary password", es: "Contraseña temporal" }
    /// Under the form when it has a code field.
    TryCodeNote = "try.code_note" { en: "A code left as the lesson had it is the one this try's user gets (emailed, or on the authenticator then), a new one each try; type another to see what Cognito says to it.", es: "Un código que dejes como lo tenía la lección es el que recibe el usuario de este intento (por correo, o el que muestra entonces el autenticador), uno nuevo en cada intento; escribe otro para ver qué responde Cognito." }
    TryShow = "try.show" { en: "show", es: "muestra" }
    TryHide = "try.hide" { en: "hide", es: "oculta" }
    TryPress = "try.press" { en: "Press e to type a username and password and run the flow against this lesson's pool.", es: "Pulsa e para escribir un usuario y una contraseña y ejecutar el flujo contra el grupo de esta lección." }
    /// {fields}: the form's fields, e.g. "username, password, TOTP code".
    TryPressFields = "try.press_fields" { en: "Press e to type the inputs this lesson's steps take ({fields}) and run the flow against its pool.", es: "Pulsa e para escribir las entradas que toman los pasos de esta lección ({fields}) y ejecutar el flujo contra su grupo." }
    TryYours = "try.yours" { en: "Your try as {username}:", es: "Tu intento como {username}:" }
    /// Said when a try-it run has finished.
    TryFinished = "try.finished" { en: "Your try as {username}: {outcome}. Step through it with ← →; v returns to the lesson.", es: "Tu intento como {username}: {outcome}. Recórrelo con ← →; v vuelve a la lección." }
    TryDone = "try.done" { en: "v returns to the lesson's branches; press 1 to step through your try.", es: "v vuelve a las ramas de la lección; pulsa 1 para recorrer tu intento paso a paso." }
    TryPolicy = "try.policy" { en: "Policy: ", es: "Política: " }
    // Mode 1's one-line trail when the diagram has no room (a small window).
    TrailFlow = "trail.flow" { en: "Flow: ", es: "Flujo: " }
    TrailNotStarted = "trail.not_started" { en: "Flow: not started", es: "Flujo: sin empezar" }
    /// Where the hidden panels are (the modes that show them).
    TrailMore = "trail.more" { en: "(2 diagram)", es: "(2 diagrama)" }
    TrailMoreTracker = "trail.more_tracker" { en: "(2 diagram · 4 tracker)", es: "(2 diagrama · 4 estado)" }
    TrailLive = "trail.live" { en: "Your code's calls", es: "Las llamadas de tu código" }
    TrailLiveMore = "trail.live_more" { en: "(2 where in the flow · 9 tokens)", es: "(2 dónde en el flujo · 9 tokens)" }
    TrailLiveMoreTracker = "trail.live_more_tracker" { en: "(2 where in the flow · 3 request and response · 4 tracker · 9 tokens)", es: "(2 dónde en el flujo · 3 petición y respuesta · 4 estado · 9 tokens)" }
    // The live view's own panels (`cogflow serve`).
    LiveTitle = "live.title" { en: "cogflow serve · the pool of “{title}”", es: "cogflow serve · el grupo de “{title}”" }
    /// "● serving http://127.0.0.1:9229 · 3 calls".
    LiveServing = "live.serving" { en: "● serving {endpoint} · {calls}{step}", es: "● sirviendo {endpoint} · {calls}{step}" }
    LiveOneCall = "live.one_call" { en: "1 call", es: "1 llamada" }
    LiveCalls = "live.calls" { en: "{n} calls", es: "{n} llamadas" }
    LiveStepOn = "live.step_on" { en: " · --step: each call waits for →", es: " · --step: cada llamada espera a →" }
    LiveDelivered = "live.delivered" { en: "latest code delivered {code}", es: "último código entregado {code}" }
    LiveClockMoved = "live.clock_moved" { en: "served clock {time} (moved on purpose)", es: "reloj del servidor {time} (movido a propósito)" }
    LiveCodesHint = "live.codes_hint" { en: "Codes the pool \"sends\" show here (and at GET /_cogflow/messages) · + and > move the clock", es: "Los códigos que el grupo «envía» aparecen aquí (y en GET /_cogflow/messages) · + y > mueven el reloj" }
    /// "⏸ Call #3 held at “credentials checked” · → lets it go on · the client is waiting: …".
    LiveHeld = "live.held" { en: "⏸ Call #{call} held at “{phase}”{more} · {key} · the client is waiting: {patience}", es: "⏸ Llamada #{call} retenida en “{phase}”{more} · {key} · el cliente espera: {patience}" }
    LiveHeldMore = "live.held_more" { en: " ({n} calls held)", es: " ({n} llamadas retenidas)" }
    LivePhaseReceived = "live.phase_received" { en: "request received", es: "petición recibida" }
    LivePhaseChecked = "live.phase_checked" { en: "credentials checked", es: "credenciales comprobadas" }
    LivePhaseReturned = "live.phase_returned" { en: "response returned", es: "respuesta devuelta" }
    LiveLetGo = "live.let_go" { en: "→ lets it go on", es: "→ la deja seguir" }
    LiveEndLetGo = "live.end_let_go" { en: "End, then → lets it go on", es: "End y luego → la deja seguir" }
    LiveGaveUp = "live.gave_up" { en: "{sdk} gave up after {secs} s (botocore's read_timeout) and may retry", es: "{sdk} se rindió tras {secs} s (read_timeout de botocore) y puede reintentar" }
    LiveGivesUp = "live.gives_up" { en: "{sdk} gives up after {secs} s (botocore's read_timeout), {left} left", es: "{sdk} se rinde tras {secs} s (read_timeout de botocore), quedan {left}" }
    LiveNoTimeout = "live.no_timeout" { en: "{sdk} sets no timeout: it waits as long as the connection stays open", es: "{sdk} no pone límite: espera mientras la conexión siga abierta" }
    LiveHttpWaits = "live.http_waits" { en: "how long it waits depends on its HTTP library", es: "cuánto espera depende de su biblioteca HTTP" }
    LiveWaitingTitle = "live.waiting_title" { en: "Waiting for your code's first call", es: "Esperando la primera llamada de tu código" }
    LivePoint = "live.point" { en: "Point boto3, the AWS CLI or amazon-cognito-identity-js at this mock pool: paste these two lines into the shell your code runs in.", es: "Apunta boto3, la AWS CLI o amazon-cognito-identity-js a este grupo simulado: pega estas dos líneas en la terminal donde se ejecuta tu código." }
    LiveHostedUi = "live.hosted_ui" { en: "Or sign in through the hosted UI (managed login): open this in a browser; the redirect back carries the code.", es: "O inicia sesión en la interfaz alojada (managed login): abre esto en un navegador; la redirección de vuelta lleva el código." }
    LiveEachCall = "live.each_call" { en: "Each call becomes a step here as it arrives: the request and response, what Cognito checked and why, the tracker of the caller's user, mode 9 on the tokens it issued. ← steps back through everything that happened; End follows the newest call again.", es: "Cada llamada se convierte aquí en un paso al llegar: la petición y la respuesta, qué comprobó Cognito y por qué, el estado del usuario que llama, el modo 9 sobre los tokens que emitió. ← recorre hacia atrás todo lo que pasó; End vuelve a seguir la llamada más reciente." }
    LiveStepExplained = "live.step_explained" { en: "--step is on: each call waits at each phase (request received, credentials checked, response returned) until you press →.", es: "--step está activo: cada llamada espera en cada fase (petición recibida, credenciales comprobadas, respuesta devuelta) hasta que pulses →." }
    // Mode 9's side panel in a live session: the learner's own client is the try.
    TryLiveHeading = "try.live_heading" { en: "Your own client", es: "Tu propio cliente" }
    TryLivePanel = "try.live_panel" { en: "Checks · your client", es: "Comprobaciones · tu cliente" }
    TryLive = "try.live" { en: "In a live session your own client is the try: sign in with it (boto3, the AWS CLI, a browser) and the tokens each call gets show here as Call N, checked as an app would.", es: "En una sesión en vivo tu propio cliente es el intento: inicia sesión con él (boto3, la AWS CLI, un navegador) y los tokens que recibe cada llamada aparecen aquí como Llamada N, comprobados como lo haría una app." }
    TryLiveRefused = "try.live_refused" { en: "No try-it form in a live session: your own client makes the calls (each one shows as Call N).", es: "No hay formulario «pruébalo» en una sesión en vivo: tu propio cliente hace las llamadas (cada una aparece como Llamada N)." }
    // The step panel (ui/explanation.rs).
    AppCheckedOffline = "step.app_checked_offline" { en: "The app checked the token offline: all {n} checks passed", es: "La app comprobó el token sin conexión: pasan las {n} comprobaciones" }
    CognitoSucceeded = "step.cognito_succeeded" { en: "Cognito: {response} ({operation} succeeded)", es: "Cognito: {response} ({operation} correcta)" }
    CognitoAnswered = "step.cognito_answered" { en: "Cognito: {response}", es: "Cognito: {response}" }
    CognitoChallenge = "step.cognito_challenge" { en: "Cognito asks for a challenge answer: {name}", es: "Cognito pide la respuesta a un desafío: {name}" }
    DetourQuestion = "step.detour_question" { en: "Quiz question {n} is about this step. Esc goes back to it.", es: "La pregunta {n} trata de este paso. Esc vuelve a ella." }
    CheckingStep = "step.checking" { en: "Cognito is checking… Step {n} appears as soon as it is computed (password hashing is deliberately slow).", es: "Cognito está comprobando… El paso {n} aparece en cuanto se calcula (el hash de contraseñas es lento a propósito)." }
    // Mode 3's request and response (ui/table.rs). {label}: "Step 3" (or "Call 3").
    CallPanel = "call.panel" { en: "Request and response", es: "Petición y respuesta" }
    CallRequest = "call.request" { en: "Request: {method}{operation}", es: "Petición: {method}{operation}" }
    CallWaiting = "call.waiting" { en: "{label} · {operation} → waiting for Cognito", es: "{label} · {operation} → esperando a Cognito" }
    CallWorkedOn = "call.worked_on" { en: "The request Cognito is working on (sent at step {sent}): POST {operation}", es: "La petición en la que trabaja Cognito (enviada en el paso {sent}): POST {operation}" }
    CallNoAnswerYet = "call.no_answer_yet" { en: "Response: not yet. No message crosses the wire at this step: Cognito answers at the next one.", es: "Respuesta: aún no. Ningún mensaje viaja por la red en este paso: Cognito responde en el siguiente." }
    CallCheckedInOrder = "call.checked_in_order" { en: "What Cognito checked, in its order:", es: "Lo que comprobó Cognito, en su orden:" }
    CallInsideWorking = "call.inside_working" { en: "{label} · inside Cognito, working on step {sent}'s {operation}", es: "{label} · dentro de Cognito, con la {operation} del paso {sent}" }
    CallInside = "call.inside" { en: "{label} · inside Cognito", es: "{label} · dentro de Cognito" }
    CallAppCheck = "call.app_check" { en: "The app checks the token itself, offline: the signature with the key the pool's JWKS names by kid, then exp, iss, aud or client_id, token_use. Cognito is not asked.", es: "La app comprueba el token por sí misma, sin conexión: la firma con la clave que el JWKS del grupo nombra por kid, luego exp, iss, aud o client_id, token_use. No se pregunta a Cognito." }
    CallInApp = "call.in_app" { en: "{label} · in the app: no call to Cognito at this step", es: "{label} · en la app: ninguna llamada a Cognito en este paso" }
    CallDevice = "call.device" { en: "The app's SDK computes this on the device; nothing is sent until the next call (mode 1 shows the numbers).", es: "El SDK de la app lo calcula en el dispositivo; no se envía nada hasta la siguiente llamada (el modo 1 muestra los números)." }
    CallOnDevice = "call.on_device" { en: "{label} · on the device: no call to Cognito at this step", es: "{label} · en el dispositivo: ninguna llamada a Cognito en este paso" }
    CallTimeText = "call.time_text" { en: "Nothing is sent: the lesson clock moves on.", es: "No se envía nada: el reloj de la lección avanza." }
    CallTimePasses = "call.time_passes" { en: "{label} · time passes: no call to Cognito at this step", es: "{label} · pasa el tiempo: ninguna llamada a Cognito en este paso" }
    CallAppText = "call.app_text" { en: "Nothing is sent at this step: it happens in the app (or in the user's head).", es: "En este paso no se envía nada: ocurre en la app (o en la cabeza del usuario)." }
    CallNoBody = "call.no_body" { en: "(no request body)", es: "(petición sin cuerpo)" }
    CallResponseNotYet = "call.response_not_yet" { en: "Response: not yet — Cognito is still working", es: "Respuesta: aún no — Cognito sigue trabajando" }
    CallResponse = "call.response" { en: "Response: HTTP {status}", es: "Respuesta: HTTP {status}" }
    CallShortened = "call.shortened" { en: "Long values (tokens) are shortened here; mode 9 shows them whole and decoded.", es: "Los valores largos (tokens) se acortan aquí; el modo 9 los muestra enteros y decodificados." }
    // Mode 4's list under the grid (ui/tracker.rs).
    TrackerChangedHeading = "tracker.changed_heading" { en: "What each step changed", es: "Lo que cambió cada paso" }
    /// {what}: the variables it set, changed or cleared, or `tracker.nothing`.
    TrackerStepChanged = "tracker.step_changed" { en: "Step {n} ({action}): {what}", es: "Paso {n} ({action}): {what}" }
    TrackerNothing = "tracker.nothing" { en: "nothing", es: "nada" }
    /// A lesson of more steps than a view holds: the earliest are not listed.
    TrackerLeftOutSteps = "tracker.left_out_steps" { en: "Steps 1-{before} are left out here (`:` N goes to a step).", es: "Los pasos 1-{before} no se muestran aquí (`:` N va a un paso)." }
    TrackerOpaqueShortened = "tracker.opaque_shortened" { en: "Shortened here, being long random values: {names}. Mode 3 shows each whole in the call that carries it.", es: "Acortados aquí por ser valores aleatorios largos: {names}. El modo 3 muestra cada uno entero en la llamada que lo lleva." }
    TrackerIsJwt = "tracker.is_jwt" { en: "token is a real JWT of {n} characters: mode 9 decodes it.", es: "token es un JWT real de {n} caracteres: el modo 9 lo decodifica." }
    TrackerNeverSetIn = "tracker.never_set_in" { en: "Never set in steps {first}-{last}: {names}.", es: "Sin asignar en los pasos {first}-{last}: {names}." }
    TrackerNeverSet = "tracker.never_set" { en: "Never set in this run: {names}.", es: "Sin asignar en esta ejecución: {names}." }
    // The status line after a quiz answer or a prediction (app/quiz.rs, app/predict.rs).
    QuestionFinished = "quiz.question_finished" { en: "This question is finished: Enter goes to the next one.", es: "Esta pregunta está terminada: Enter pasa a la siguiente." }
    PredictedRight = "predict.predicted_right" { en: "✓ You predicted {letter}: right.", es: "✓ Predijiste {letter}: correcto." }
    PredictedWrong = "predict.predicted_wrong" { en: "✗ You predicted {letter}; it is {answer}.", es: "✗ Predijiste {letter}; es {answer}." }
    PredictNoneAfterAll = "predict.none_after_all" { en: "This step has no prediction after all.", es: "Al final este paso no tiene predicción." }
    // Transcripts and handouts (src/transcript*): headings in Title Case, as printed.
    DocHeading = "doc.heading" { en: "{title} - Step-by-Step Execution", es: "{title} - Ejecución paso a paso" }
    DocMinutes = "doc.minutes" { en: "~{n} mins", es: "~{n} min" }
    DocAllBranches = "doc.all_branches" { en: "all {n} branches", es: "las {n} ramas" }
    DocSeed = "doc.seed" { en: "seed {n}", es: "semilla {n}" }
    DocMainPath = "doc.main_path" { en: "main path", es: "camino principal" }
    /// {title}: ": " and the variant's title, or nothing.
    DocVariant = "doc.variant" { en: "variant {id}{title}", es: "variante {id}{title}" }
    DocBranchOf = "doc.branch_of" { en: "Branch {n} of {total}: {name}", es: "Rama {n} de {total}: {name}" }
    DocProcessFlow = "doc.process_flow" { en: "Process Flow", es: "Diagrama del proceso" }
    DocReachedHere = "doc.reached_here" { en: "(* = reached in this run)", es: "(* = alcanzado en esta ejecución)" }
    /// After a `*` shown as code.
    DocReachedMain = "doc.reached_main" { en: " marks the boxes reached on the main path.", es: " marca las cajas alcanzadas en el camino principal." }
    DocReachedRun = "doc.reached_run" { en: " marks the boxes reached in this run.", es: " marca las cajas alcanzadas en esta ejecución." }
    DocSample = "doc.sample" { en: "Execution Sample", es: "Ejemplo de ejecución" }
    DocProcessTable = "doc.process_table" { en: "Process Table", es: "Tabla del proceso" }
    DocStatusTracker = "doc.status_tracker" { en: "Status Tracker", es: "Estado de las variables" }
    DocMoments = "doc.moments" { en: "Key Moments", es: "Momentos clave" }
    DocMomentsOne = "doc.moments_one" { en: "Key Moments - {n} Insight", es: "Momentos clave - {n} idea" }
    DocMomentsMany = "doc.moments_many" { en: "Key Moments - {n} Insights", es: "Momentos clave - {n} ideas" }
    /// A moment's steps: {refs} is `doc.step`/`doc.steps`, then `doc.elsewhere*`.
    DocSee = "doc.see" { en: "(see {refs})", es: "(ver {refs})" }
    DocStep = "doc.step" { en: "step {n}", es: "paso {n}" }
    DocSteps = "doc.steps" { en: "steps {list}", es: "pasos {list}" }
    DocMoreElsewhere = "doc.more_elsewhere" { en: "{n} more on the other branch", es: "{n} más en la otra rama" }
    DocStepElsewhere = "doc.step_elsewhere" { en: "{n} step on the other branch", es: "{n} paso en la otra rama" }
    DocStepsElsewhere = "doc.steps_elsewhere" { en: "{n} steps on the other branch", es: "{n} pasos en la otra rama" }
    DocQuiz = "doc.quiz" { en: "Visual Quiz", es: "Preguntas" }
    DocQuizOne = "doc.quiz_one" { en: "Visual Quiz - {n} Question", es: "Preguntas - {n} pregunta" }
    DocQuizMany = "doc.quiz_many" { en: "Visual Quiz - {n} Questions", es: "Preguntas - {n} preguntas" }
    DocHintN = "doc.hint_n" { en: "Hint {n}: {hint}", es: "Pista {n}: {hint}" }
    DocHint = "doc.hint" { en: "Hint:", es: "Pista:" }
    DocAnswer = "doc.answer" { en: "Answer:", es: "Respuesta:" }
    DocAnswerIs = "doc.answer_is" { en: "Answer: {letter} ({choice})", es: "Respuesta: {letter} ({choice})" }
    DocAnswerBlank = "doc.answer_blank" { en: "write your answer here", es: "escribe aquí tu respuesta" }
    DocAnswersHow = "doc.answers_how" { en: "(answers: cogflow transcript --answers)", es: "(respuestas: cogflow transcript --answers)" }
    DocSnapshot = "doc.snapshot" { en: "Concept Snapshot", es: "Resumen del concepto" }
    DocFull = "doc.full" { en: "Full Transcript", es: "Transcripción completa" }
    DocRunDetails = "doc.run_details" { en: "Run Details ({branch})", es: "Detalles de la ejecución ({branch})" }
    DocUserPool = "doc.user_pool" { en: "User pool:", es: "Grupo de usuarios:" }
    DocAppClient = "doc.app_client" { en: "App client:", es: "Cliente de app:" }
    DocIssuer = "doc.issuer" { en: "Issuer:", es: "Emisor:" }
    DocJwks = "doc.jwks" { en: "JWKS:", es: "JWKS:" }
    DocPolicy = "doc.policy" { en: "Password policy:", es: "Política de contraseñas:" }
    DocSimplification = "doc.simplification" { en: "Lesson simplification:", es: "Simplificación de la lección:" }
    DocClock = "doc.clock" { en: "Lesson clock:", es: "Reloj de la lección:" }
    DocStepHeading = "doc.step_heading" { en: "Step {n}: {action}", es: "Paso {n}: {action}" }
    DocOutcome = "doc.outcome" { en: "Outcome:", es: "Desenlace:" }
    DocChallenge = "doc.challenge" { en: "challenge {name}", es: "desafío {name}" }
    DocPending = "doc.pending" { en: "pending (Cognito is checking)", es: "pendiente (Cognito está comprobando)" }
    DocRequest = "doc.request" { en: "{operation} request:", es: "Petición {operation}:" }
    DocResponse = "doc.response" { en: "{operation} response{status}:", es: "Respuesta {operation}{status}:" }
    DocPass = "doc.pass" { en: "ok", es: "bien" }
    DocFail = "doc.fail" { en: "FAIL", es: "FALLO" }
    DocCrypto = "doc.crypto" { en: "Crypto: {operation} ({params}): {why}", es: "Criptografía: {operation} ({params}): {why}" }
    DocSrp = "doc.srp" { en: "SRP, {side} {name}: {meaning}", es: "SRP, {side} {name}: {meaning}" }
    DocTimes = "doc.times" { en: "Times:", es: "Horas:" }
    DocCognitoChecked = "doc.cognito_checked" { en: "What Cognito checked:", es: "Lo que comprobó Cognito:" }
    /// {values}: `token.values.srp` or `token.values.pkce`.
    DocComputed = "doc.computed" { en: "{values} computed here:", es: "{values} calculados aquí:" }
    // The status line: what navigation says (app/say.rs).
    SayDetourStep = "say.detour_step" { en: "Step {step}{of}: what question {question} is about. Esc goes back to the question.", es: "Paso {step}{of}: de lo que trata la pregunta {question}. Esc vuelve a la pregunta." }
    /// After a step number, on a branch that is not the main path.
    SayOfBranch = "say.of_branch" { en: " of “{name}”", es: " de «{name}»" }
    SayFinding = "say.finding" { en: "Finding “{step}”…", es: "Buscando «{step}»…" }
    SayNotOnBranch = "say.not_on_branch" { en: "That step is not on this branch after all.", es: "Al final ese paso no está en esta rama." }
    SayPassedOne = "say.passed_one" { en: "Passed over the prediction of step {step} (step back before it, then → asks it).", es: "Pasaste la predicción del paso {step} (retrocede antes de él y → la pide)." }
    SayPassedMany = "say.passed_many" { en: "Passed over the predictions of steps {steps} and {last} (step back before them, then → asks them).", es: "Pasaste las predicciones de los pasos {steps} y {last} (retrocede antes de ellos y → las pide)." }
    SayFollowing = "say.following" { en: "Following: each new call shows as it arrives (← steps back).", es: "Siguiendo: cada llamada nueva se muestra al llegar (← retrocede)." }
    SayNoNumber = "say.no_number" { en: "Type a step number after :, then Enter.", es: "Escribe un número de paso tras :, y luego Enter." }
    SayNoOtherBranch = "say.no_other_branch" { en: "This lesson has no other branch to show.", es: "Esta lección no tiene otra rama que mostrar." }
    SayPredictionWaiting = "say.prediction_waiting" { en: "Step {step} waits for your prediction: press 1 to see it (s there skips it).", es: "El paso {step} espera tu predicción: pulsa 1 para verla (allí s la salta)." }
    SayStillChecking = "say.still_checking" { en: "Cognito is still checking step {step}; it shows as soon as it is done.", es: "Cognito aún está comprobando el paso {step}; se muestra en cuanto termine." }
    SayNothingOpen = "say.nothing_open" { en: "Esc closes what is open; nothing is. q quits.", es: "Esc cierra lo que esté abierto; no hay nada. q sale." }
    SayNotInAnyRun = "say.not_in_any_run" { en: "“{step}” is not in any run of this lesson.", es: "«{step}» no está en ninguna ejecución de esta lección." }
    SayNoNewerCall = "say.no_newer_call" { en: "This is the newest call; your code's next call shows here as it arrives.", es: "Esta es la llamada más reciente; la siguiente de tu código se mostrará aquí al llegar." }
    SayLastStep = "say.last_step" { en: "That was the last step ({total} of {total}). ← goes back, v shows another branch.", es: "Ese era el último paso ({total} de {total}). ← vuelve, v muestra otra rama." }
    SayLastStepQuiz = "say.last_step_quiz" { en: "That was the last step ({total} of {total}). 6 opens the quiz; ← goes back, v shows another branch.", es: "Ese era el último paso ({total} de {total}). 6 abre el cuestionario; ← vuelve, v muestra otra rama." }
    // Mode 6, the quiz.
    // `cogflow quiz --plain`: the quiz one line at a time.
    QPlainFullScreen = "quiz_plain.full_screen" { en: "the full-screen quiz is mode 6 of `cogflow run` (press 6); here is the plain quiz.", es: "las preguntas a pantalla completa son el modo 6 de `cogflow run` (pulsa 6); aquí van en texto." }
    LearnerRecordedAs = "learner.recorded_as" { en: "answers are recorded as \"{name}\" from now on", es: "a partir de ahora las respuestas se guardan a nombre de «{name}»" }
    QPlainTitle = "quiz_plain.title" { en: "Quiz: {title}", es: "Preguntas: {title}" }
    QPlainIntroOne = "quiz_plain.intro_one" { en: "1 question. Type the letter of your answer and press Enter; h for a hint, r to reveal the answer, ? for help.", es: "1 pregunta. Escribe la letra de tu respuesta y pulsa Enter; h para una pista, r para ver la respuesta, ? para la ayuda." }
    QPlainIntro = "quiz_plain.intro" { en: "{n} questions. Type the letter of your answer and press Enter; h for a hint, r to reveal the answer, ? for help.", es: "{n} preguntas. Escribe la letra de tu respuesta y pulsa Enter; h para una pista, r para ver la respuesta, ? para la ayuda." }
    /// A second `cogflow quiz`: the saved answers are kept.
    QPlainEarlier = "quiz_plain.earlier" { en: "Your earlier answers stand: {done} of {total} questions done ({score}).", es: "Tus respuestas anteriores siguen en pie: {done} de {total} preguntas hechas ({score})." }
    QPlainEndOfInput = "quiz_plain.end_of_input" { en: "End of input: the quiz stops here.", es: "Fin de la entrada: las preguntas terminan aquí." }
    QPlainNoMoreHints = "quiz_plain.no_more_hints" { en: "No more hints: type r to see the answer.", es: "No hay más pistas: escribe r para ver la respuesta." }
    QPlainTheAnswer = "quiz_plain.the_answer" { en: "The answer is {letter}: {text}", es: "La respuesta es {letter}: {text}" }
    QPlainStopping = "quiz_plain.stopping" { en: "Stopping the quiz here.", es: "Las preguntas terminan aquí." }
    QPlainNoSuchChoice = "quiz_plain.no_such_choice" { en: "There is no choice {letter}. {please}", es: "No existe la opción {letter}. {please}" }
    QPlainComplete = "quiz_plain.complete" { en: "Quiz complete: {score}.", es: "Preguntas terminadas: {score}." }
    QPlainAgain = "quiz_plain.again" { en: "Type a to take the quiz again, or press Enter to finish.", es: "Escribe a para repetir las preguntas, o pulsa Enter para terminar." }
    QPlainMissed = "quiz_plain.missed" { en: "Not right the first time: {ids}. Type m to retry those, a to retry all, or press Enter to finish.", es: "No acertadas a la primera: {ids}. Escribe m para repetirlas, a para repetir todas, o pulsa Enter para terminar." }
    QPlainTypeA = "quiz_plain.type_a" { en: "Please type a, or press Enter to finish.", es: "Escribe a, o pulsa Enter para terminar." }
    QPlainTypeMA = "quiz_plain.type_m_a" { en: "Please type m or a, or press Enter to finish.", es: "Escribe m o a, o pulsa Enter para terminar." }
    QPlainRound = "quiz_plain.round" { en: "Round {n}: the choices are in a new order (seed {seed}).", es: "Ronda {n}: las opciones están en otro orden (semilla {seed})." }
    /// The plain quiz's last line, always (scripts read it).
    QPlainScore = "quiz_plain.score" { en: "Score: {right}/{total}", es: "Puntuación: {right}/{total}" }
    QPlainPlease = "quiz_plain.please" { en: "Please answer {letters} (h for a hint, ? for help).", es: "Responde {letters} (h para una pista, ? para la ayuda)." }
    QPlainQuestion = "quiz_plain.question" { en: "Question {n} of {total}: {prompt}", es: "Pregunta {n} de {total}: {prompt}" }
    QPlainCorrect = "quiz_plain.correct" { en: "Correct.", es: "Correcto." }
    QPlainIncorrect = "quiz_plain.incorrect" { en: "Incorrect.", es: "Incorrecto." }
    QPlainIncorrectAgain = "quiz_plain.incorrect_again" { en: "Incorrect (you already tried {letter}).", es: "Incorrecto (ya probaste {letter})." }
    QPlainTryAgain = "quiz_plain.try_again" { en: " Try again, or type h for hint {n} of {total}.", es: " Prueba otra vez, o escribe h para la pista {n} de {total}." }
    QPlainNoHintsLeft = "quiz_plain.no_hints_left" { en: " No more hints: try again, or type r to see the answer.", es: " No hay más pistas: prueba otra vez, o escribe r para ver la respuesta." }
    QPlainAbout = "quiz_plain.about" { en: "This question is about the step \"{step}\".", es: "Esta pregunta trata del paso \"{step}\"." }
    /// `reset` in the plain quiz, confirmed: the quiz begins again.
    QPlainStartedOver = "quiz_plain.started_over" { en: "Started over: no saved step, predictions or quiz answers. The quiz begins again at question 1.", es: "Empezaste de nuevo: sin paso guardado, predicciones ni respuestas. El cuestionario vuelve a empezar en la pregunta 1." }
    QPlainHelp = "quiz_plain.help" { en: "Type the letter of your answer ({letters}) and press Enter; upper or lower case.\n  h or hint    show the next hint (they come one at a time, in order)\n  r or reveal  give up: show the answer and its explanation (recorded as revealed)\n  q or quit    stop and show the score\n  reset        start this lesson over: forget its step, predictions and quiz answers (asks first)\n  ?            this help\nEnd of input (Ctrl-D) also stops the quiz and shows the score.", es: "Escribe la letra de tu respuesta ({letters}) y pulsa Enter; en mayúscula o minúscula.\n  h o hint     muestra la pista siguiente (salen de una en una, en orden)\n  r o reveal   rendirse: muestra la respuesta y su explicación (se guarda como mostrada)\n  q o quit     termina y muestra la puntuación\n  reset        empezar esta lección de nuevo: olvida su paso, sus predicciones y sus respuestas (pregunta antes)\n  ?            esta ayuda\nEl fin de la entrada (Ctrl-D) también termina y muestra la puntuación." }
    QuizNone = "quiz.none" { en: "This lesson has no quiz: 1 goes back to its steps.", es: "Esta lección no tiene preguntas: 1 vuelve a sus pasos." }
    /// "1 of 3 right the first time, " (then the hints).
    QuizScore = "quiz.score" { en: "{right} of {total} right the first time, ", es: "{right} de {total} acertadas a la primera, " }
    QuizRightInTheEnd = "quiz.right_in_the_end" { en: "{n} right in the end, ", es: "{n} acertadas al final, " }
    QuizNoHintsUsed = "quiz.no_hints_used" { en: "no hints used", es: "ninguna pista usada" }
    QuizHintUsed = "quiz.hint_used" { en: "{n} hint used", es: "{n} pista usada" }
    QuizHintsUsed = "quiz.hints_used" { en: "{n} hints used", es: "{n} pistas usadas" }
    QuizRevealedCount = "quiz.revealed_count" { en: ", {n} revealed", es: ", {n} mostradas" }
    QuizRound = "quiz.round" { en: " · round {n}", es: " · ronda {n}" }
    QuizSummaryTitle = "quiz.summary_title" { en: "Quiz · Summary{round} · {score}", es: "Preguntas · Resumen{round} · {score}" }
    QuizQuestionTitle = "quiz.question_title" { en: "Quiz · Question {n} of {total}{round} · {score}", es: "Preguntas · Pregunta {n} de {total}{round} · {score}" }
    QuizShuffled = "quiz.shuffled" { en: "Choices are shuffled (seed {seed}); your results record the order you saw.", es: "Las opciones están barajadas (semilla {seed}); tus resultados guardan el orden que viste." }
    QuizLastQuestion = "quiz.last_question" { en: "That was the last question ({score}). Enter shows your summary.", es: "Esa era la última pregunta ({score}). Enter muestra tu resumen." }
    QuizNextOpen = "quiz.next_open" { en: "Enter: the next open question.", es: "Enter: la siguiente pregunta pendiente." }
    QuizHintOf = "quiz.hint_of" { en: "Hint {n} of {total}: ", es: "Pista {n} de {total}: " }
    QuizJumps = "quiz.jumps" { en: "jumps to {where}, what this question is about; Esc there comes back here.", es: "muestra {where}, de lo que trata esta pregunta; allí Esc vuelve aquí." }
    StepWhereHere = "step.where_here" { en: "step {n} ({name})", es: "el paso {n} ({name})" }
    StepWhereOf = "step.where_of" { en: "step {n} of “{branch}”", es: "el paso {n} de «{branch}»" }
    StepWhereElsewhere = "step.where_elsewhere" { en: "“{name}”, on another branch", es: "«{name}», en otra rama" }
    QuizFinished = "quiz.finished" { en: "You finished the quiz: {score}.", es: "Terminaste las preguntas: {score}." }
    QuizNoAnswer = "quiz.no_answer" { en: "no answer given", es: "sin respuesta" }
    QuizOneAnswer = "quiz.one_answer" { en: "1 answer", es: "1 respuesta" }
    QuizAnswers = "quiz.answers" { en: "{n} answers", es: "{n} respuestas" }
    QuizOneHint = "quiz.one_hint" { en: ", 1 hint", es: ", 1 pista" }
    QuizHints = "quiz.hints" { en: ", {n} hints", es: ", {n} pistas" }
    QuizRightFirstTime = "quiz.right_first_time" { en: "right the first time", es: "acertada a la primera" }
    QuizRightAfter = "quiz.right_after" { en: "right after {answers}{hints}", es: "acertada tras {answers}{hints}" }
    QuizRevealedWith = "quiz.revealed_with" { en: "revealed with {answers}{hints}", es: "mostrada con {answers}{hints}" }
    QuizRevealedAfter = "quiz.revealed_after" { en: "revealed after {answers}{hints}", es: "mostrada tras {answers}{hints}" }
    QuizRevealedAnswer = "quiz.revealed_answer" { en: "{when}; the answer: {answer}", es: "{when}; la respuesta: {answer}" }
    QuizNotAnswered = "quiz.not_answered" { en: "not answered", es: "sin responder" }
    QuizAllRight = "quiz.all_right" { en: "Every question right the first time. a takes the whole quiz again · n and p review a question.", es: "Todas acertadas a la primera. a repite todas las preguntas · n y p repasan una pregunta." }
    QuizRetryOne = "quiz.retry_one" { en: "m retries the 1 question not right the first time · a retries all · n and p review a question.", es: "m repite la pregunta no acertada a la primera · a las repite todas · n y p repasan una pregunta." }
    QuizRetryMany = "quiz.retry_many" { en: "m retries the {n} questions not right the first time · a retries all · n and p review a question.", es: "m repite las {n} preguntas no acertadas a la primera · a las repite todas · n y p repasan una pregunta." }
    QuizQuestions = "quiz.questions" { en: "Questions: ", es: "Preguntas: " }
    QuizRight = "quiz.right" { en: "Right: {letter}) {choice}", es: "Correcto: {letter}) {choice}" }
    QuizAgain = "quiz.again" { en: "{letter} again: still not it.", es: "{letter} otra vez: sigue sin ser." }
    QuizNot = "quiz.not" { en: "Not {letter}.", es: "No es {letter}." }
    QuizTryAgain = "quiz.try_again" { en: "Try again, or h for hint {n} of {total}.", es: "Prueba otra vez, o h para la pista {n} de {total}." }
    QuizNoMoreHints = "quiz.no_more_hints" { en: "No more hints: try again, or r for the answer.", es: "No hay más pistas: prueba otra vez, o r para la respuesta." }
    QuizTheAnswer = "quiz.the_answer" { en: "The answer: {letter}) {choice}", es: "La respuesta: {letter}) {choice}" }
    QuizAnsweredRight = "quiz.answered_right" { en: "Answered right.", es: "Respondida correctamente." }
    QuizRevealed = "quiz.revealed" { en: "Revealed.", es: "Mostrada." }
    QuizChoose = "quiz.choose" { en: "Choose with ↑ ↓ or a letter, then press Enter. h shows a hint, r the answer.", es: "Elige con ↑ ↓ o una letra y pulsa Enter. h muestra una pista, r la respuesta." }
    // Mode 5, the key moments.
    MomentsTitle = "moments.title" { en: "{mode} · {n} insights", es: "{mode} · {n} ideas" }
    MomentsNone = "moments.none" { en: "This lesson has no key moments.", es: "Esta lección no tiene momentos clave." }
    MomentsExplains = "moments.explains" { en: "Explains: ", es: "Explica: " }
    MomentsThisStep = "moments.this_step" { en: "this step", es: "este paso" }
    MomentsFileStep = "moments.file_step" { en: "step {n} of the file", es: "el paso {n} del archivo" }
    MomentsStepId = "moments.step_id" { en: "step “{id}”", es: "el paso «{id}»" }
    MomentsElsewhere = "moments.elsewhere" { en: "{name}, on another branch (b lists them)", es: "{name}, en otra rama (b las lista)" }
    MomentsHow = "moments.how" { en: "Step with ← → to see each moment happen; : then a step number and Enter goes straight there.", es: "Avanza con ← → para ver cada momento; : y luego un número de paso y Enter va directo." }
    // Modes 7 and 8.
    SnapshotNone = "snapshot.none" { en: "This lesson has no concept snapshot.", es: "Esta lección no tiene resumen del concepto." }
    SnapshotTitle = "snapshot.title" { en: "Concept snapshot", es: "Resumen del concepto" }
    BranchEnds = "snapshot.branch_ends" { en: "This branch ends: ", es: "Esta rama termina: " }
    TranscriptTitle = "transcript.title" { en: "Full transcript", es: "Transcripción completa" }
    TranscriptNone = "transcript.none" { en: "This lesson has no transcript.", es: "Esta lección no tiene transcripción." }
    TranscriptRun = "transcript.run" { en: "This run, step by step ({name}):", es: "Esta ejecución, paso a paso ({name}):" }
    Outcome = "outcome" { en: "Outcome: {outcome}", es: "Resultado: {outcome}" }
    // Mode 2, the flow diagram.
    FlowThisStep = "flow.this_step" { en: "this step", es: "este paso" }
    FlowPassed = "flow.passed" { en: "passed", es: "recorrido" }
    FlowNotReached = "flow.not_reached" { en: "not reached", es: "no alcanzado" }
    FlowWay = "flow.way" { en: "the way the run went", es: "el camino que siguió la ejecución" }
    FlowNone = "flow.none" { en: "This lesson has no flow diagram.", es: "Esta lección no tiene diagrama." }
    FlowReading = "flow.reading" { en: "Reading the diagram", es: "Cómo leer el diagrama" }
    FlowNoBox = "flow.no_box" { en: "no box", es: "ninguna caja" }
    FlowStepLights = "flow.step_lights" { en: "Step {n}: {action} — lights up “{node}”.", es: "Paso {n}: {action} — ilumina «{node}»." }
    FlowCallLights = "flow.call_lights" { en: "Call {n}: {action} — lights up “{node}”.", es: "Llamada {n}: {action} — ilumina «{node}»." }
    FlowOtherLive = "flow.other_live" { en: "Your code's next call may take the other way.", es: "La siguiente llamada de tu código puede ir por el otro lado." }
    FlowOtherBranch = "flow.other_branch" { en: "v shows the next branch, V the one before; b lists them all.", es: "v muestra la rama siguiente, V la anterior; b las lista todas." }
    FlowDecision = "flow.decision" { en: "“{node}” is the decision: Yes goes down the main column, No to the side. {other}", es: "«{node}» es la decisión: Sí baja por la columna principal, No va al lado. {other}" }
    // The help overlay: its title and section headings, then what each key does (the key
    // table writes `does` in English; `Word::help_text` finds its row).
    HelpTitle = "help.title" { en: "Keys — ? or Esc closes", es: "Teclas — ? o Esc cierra" }
    HelpEverywhere = "help.section.everywhere" { en: "Everywhere", es: "En todas partes" }
    HelpInMode = "help.section.mode" { en: "In mode {n} ({mode})", es: "En el modo {n} ({mode})" }
    HelpWhilePredicting = "help.section.predict" { en: "While a prediction is asked", es: "Mientras se pide una predicción" }
    HelpOnDetour = "help.section.detour" { en: "On a step the quiz showed you", es: "En un paso al que te llevó el cuestionario" }
    HelpQuizSummary = "help.section.quiz_summary" { en: "In the quiz summary", es: "En el resumen del cuestionario" }
    HelpQuizAnswered = "help.section.quiz_answered" { en: "In the quiz, a question answered", es: "En el cuestionario, con la pregunta respondida" }
    HelpWhileTyping = "help.section.jump" { en: "While typing a step number", es: "Mientras escribes un número de paso" }
    HelpTryIt = "help.section.try_it" { en: "In the try-it form (mode 9, e)", es: "En el formulario «pruébalo» (modo 9, e)" }
    HelpInHelp = "help.section.help" { en: "In this help", es: "En esta ayuda" }
    HelpLive = "help.section.live" { en: "Watching your code's calls (cogflow serve)", es: "Mirando las llamadas de tu código (cogflow serve)" }
    HelpLab = "help.section.lab" { en: "In a lab (cogflow serve LAB)", es: "En un laboratorio (cogflow serve LAB)" }
    HelpHolding = "help.section.holding" { en: "While --step holds a call (its newest call on screen)", es: "Mientras --step retiene una llamada (la más reciente en pantalla)" }
    /// How help writes "any printable character" as keys.
    HelpLetters = "help.letters" { en: "letters", es: "letras" }
    HelpCloseThisHelp = "help.close_this_help" { en: "close this help", es: "cerrar esta ayuda" }
    HelpScrollThisHelpUp = "help.scroll_this_help_up" { en: "scroll this help up", es: "desplazar esta ayuda hacia arriba" }
    HelpScrollThisHelpDown = "help.scroll_this_help_down" { en: "scroll this help down", es: "desplazar esta ayuda hacia abajo" }
    HelpQuit = "help.quit" { en: "quit", es: "salir" }
    HelpRunTheFlowWithTheseInputs = "help.run_the_flow_with_these_inputs" { en: "run the flow with these inputs", es: "ejecutar el flujo con estas entradas" }
    HelpNextField = "help.next_field" { en: "next field", es: "campo siguiente" }
    HelpFieldBefore = "help.field_before" { en: "field before", es: "campo anterior" }
    HelpShowOrHideThePasswords = "help.show_or_hide_the_passwords" { en: "show or hide the passwords", es: "mostrar u ocultar las contraseñas" }
    HelpDeleteACharacter = "help.delete_a_character" { en: "delete a character", es: "borrar un carácter" }
    HelpLeaveTheForm = "help.leave_the_form" { en: "leave the form", es: "salir del formulario" }
    HelpType = "help.type" { en: "type", es: "escribir" }
    HelpGoToTheTypedStep = "help.go_to_the_typed_step" { en: "go to the typed step", es: "ir al paso escrito" }
    HelpTypeTheStepNumber = "help.type_the_step_number" { en: "type the step number", es: "escribir el número del paso" }
    HelpDeleteADigit = "help.delete_a_digit" { en: "delete a digit", es: "borrar una cifra" }
    HelpForgetTheStepNumber = "help.forget_the_step_number" { en: "forget the step number", es: "olvidar el número del paso" }
    HelpSelectThePredictionAbove = "help.select_the_prediction_above" { en: "select the prediction above", es: "elegir la predicción de arriba" }
    HelpSelectThePredictionBelow = "help.select_the_prediction_below" { en: "select the prediction below", es: "elegir la predicción de abajo" }
    HelpSelectAPredictionByItsLetter = "help.select_a_prediction_by_its_letter" { en: "select a prediction by its letter", es: "elegir una predicción por su letra" }
    HelpAnswerThePredictionThenSeeThe = "help.answer_the_prediction_then_see_the" { en: "answer the prediction, then see the step", es: "responder la predicción y ver el paso" }
    HelpSkipThePredictionSeeTheStep = "help.skip_the_prediction_see_the_step" { en: "skip the prediction: see the step", es: "saltar la predicción: ver el paso" }
    HelpNotNowStayOnTheStep = "help.not_now_stay_on_the_step" { en: "not now: stay on the step before", es: "ahora no: quedarse en el paso anterior" }
    HelpBackToTheQuizQuestionThat = "help.back_to_the_quiz_question_that" { en: "back to the quiz question that sent you here", es: "volver a la pregunta que te trajo aquí" }
    HelpRetryTheQuestionsNotRightThe = "help.retry_the_questions_not_right_the" { en: "retry the questions not right the first time", es: "repetir las preguntas no acertadas a la primera" }
    HelpRetryEveryQuestion = "help.retry_every_question" { en: "retry every question", es: "repetir todas las preguntas" }
    HelpReviewTheNextQuestion = "help.review_the_next_question" { en: "review the next question", es: "repasar la pregunta siguiente" }
    HelpReviewThePreviousQuestion = "help.review_the_previous_question" { en: "review the previous question", es: "repasar la pregunta anterior" }
    HelpReviewTheFirstQuestion = "help.review_the_first_question" { en: "review the first question", es: "repasar la primera pregunta" }
    HelpReviewTheLastQuestion = "help.review_the_last_question" { en: "review the last question", es: "repasar la última pregunta" }
    HelpLetTheHeldCallGoOn = "help.let_the_held_call_go_on" { en: "let the held call go on to its next phase", es: "dejar que la llamada retenida siga a su fase siguiente" }
    HelpMoveTheServedClock1Minute = "help.move_the_served_clock_1_minute" { en: "move the served clock 1 minute forward", es: "adelantar 1 minuto el reloj del servidor" }
    HelpMoveTheServedClock1Hour = "help.move_the_served_clock_1_hour" { en: "move the served clock 1 hour forward (tokens expire)", es: "adelantar 1 hora el reloj del servidor (los tokens caducan)" }
    HelpShowTheCalls = "help.show_the_calls" { en: "show the calls your code made, as steps in the lesson's modes", es: "mostrar las llamadas de tu código como pasos en los modos de la lección" }
    HelpNextLanguage = "help.next_language" { en: "show the code sample in the next language (Python, JavaScript, AWS CLI)", es: "mostrar el ejemplo de código en el siguiente lenguaje (Python, JavaScript, AWS CLI)" }
    HelpCopyScript = "help.copy_script" { en: "copy the script so far (up to the waiting step) to a file it names", es: "copiar el script hasta ahora (hasta el paso que espera) a un archivo que nombra" }
    HelpClipScript = "help.clip_script" { en: "copy the script so far to a file and to the clipboard (OSC 52)", es: "copiar el script hasta ahora a un archivo y al portapapeles (OSC 52)" }
    HelpBackToLab = "help.back_to_lab" { en: "back to the lab panel: the waiting step and its sample", es: "volver al panel del laboratorio: el paso que espera y su ejemplo" }
    HelpSelectTheChoiceAbove = "help.select_the_choice_above" { en: "select the choice above", es: "elegir la opción de arriba" }
    HelpSelectTheChoiceBelow = "help.select_the_choice_below" { en: "select the choice below", es: "elegir la opción de abajo" }
    HelpSelectAChoiceByItsLetter = "help.select_a_choice_by_its_letter" { en: "select a choice by its letter", es: "elegir una opción por su letra" }
    HelpAnswerAfterARightAnswerNext = "help.answer_after_a_right_answer_next" { en: "answer (after a right answer: next question)", es: "responder (tras un acierto: pregunta siguiente)" }
    HelpShowTheNextHint = "help.show_the_next_hint" { en: "show the next hint", es: "mostrar la pista siguiente" }
    HelpShowTheStepTheQuestionIs = "help.show_the_step_the_question_is" { en: "show the step the question is about (Esc comes back)", es: "mostrar el paso del que trata la pregunta (Esc vuelve)" }
    HelpGiveUpRevealTheAnswer = "help.give_up_reveal_the_answer" { en: "give up: reveal the answer", es: "rendirse: mostrar la respuesta" }
    HelpNextQuestion = "help.next_question" { en: "next question", es: "pregunta siguiente" }
    HelpNextQuestionAnswered = "help.next_question_answered" { en: "next question (this one is answered)", es: "pregunta siguiente (esta ya está respondida)" }
    HelpPreviousQuestion = "help.previous_question" { en: "previous question", es: "pregunta anterior" }
    HelpFirstQuestion = "help.first_question" { en: "first question", es: "primera pregunta" }
    HelpLastQuestion = "help.last_question" { en: "last question", es: "última pregunta" }
    HelpScrollTheTableUpEarlierRows = "help.scroll_the_table_up_earlier_rows" { en: "scroll the table up (earlier rows)", es: "desplazar la tabla hacia arriba (filas anteriores)" }
    HelpScrollTheTableDownBackTo = "help.scroll_the_table_down_back_to" { en: "scroll the table down (back to the current row)", es: "desplazar la tabla hacia abajo (hasta la fila actual)" }
    HelpScrollTheRequestAndResponseUp = "help.scroll_the_request_and_response_up" { en: "scroll the request and response up", es: "desplazar la petición y la respuesta hacia arriba" }
    HelpScrollTheRequestAndResponseDown = "help.scroll_the_request_and_response_down" { en: "scroll the request and response down", es: "desplazar la petición y la respuesta hacia abajo" }
    HelpTryItTypeAUsernameAnd = "help.try_it_type_a_username_and" { en: "try it: type a username and password", es: "pruébalo: escribe un usuario y una contraseña" }
    HelpShowTheOtherTokenIdAccess = "help.show_the_other_token_id_access" { en: "show the other token (ID ↔ access)", es: "mostrar el otro token (ID ↔ acceso)" }
    HelpNextStep = "help.next_step" { en: "next step", es: "paso siguiente" }
    HelpPreviousStep = "help.previous_step" { en: "previous step", es: "paso anterior" }
    HelpFirstStep = "help.first_step" { en: "first step", es: "primer paso" }
    HelpLastStep = "help.last_step" { en: "last step", es: "último paso" }
    HelpSwitchMode = "help.switch_mode" { en: "switch mode", es: "cambiar de modo" }
    HelpGoToAStepTypeIts = "help.go_to_a_step_type_its" { en: "go to a step: type its number, then Enter", es: "ir a un paso: escribe su número y Enter" }
    HelpNextMode = "help.next_mode" { en: "next mode", es: "modo siguiente" }
    HelpPreviousMode = "help.previous_mode" { en: "previous mode", es: "modo anterior" }
    HelpNextBranchEGWhatIf = "help.next_branch_e_g_what_if" { en: "next branch (e.g. what if the password is wrong?)", es: "rama siguiente (p. ej. ¿y si la contraseña es incorrecta?)" }
    HelpScrollUp = "help.scroll_up" { en: "scroll up", es: "desplazar hacia arriba" }
    HelpScrollDown = "help.scroll_down" { en: "scroll down", es: "desplazar hacia abajo" }
    HelpScrollUpAPage = "help.scroll_up_a_page" { en: "scroll up a page", es: "subir una página" }
    HelpScrollDownAPage = "help.scroll_down_a_page" { en: "scroll down a page", es: "bajar una página" }
    HelpHelpEveryKey = "help.help_every_key" { en: "help: every key", es: "ayuda: todas las teclas" }
    HelpCopyTheRawJwtToA = "help.copy_the_raw_jwt_to_a" { en: "copy the raw JWT to a file (the screen names it)", es: "copiar el JWT en bruto a un archivo (la pantalla lo nombra)" }
    HelpCopyTheRawJwtClipboard = "help.copy_the_raw_jwt_clipboard" { en: "copy the raw JWT to a file and to the clipboard (OSC 52)", es: "copiar el JWT en bruto a un archivo y al portapapeles (OSC 52)" }
    HelpPreviousBranchBackToThe = "help.previous_branch_back_to_the" { en: "previous branch (back to the one before)", es: "rama anterior (vuelve a la de antes)" }
    HelpCloseWhatIsOpenNeverQuits = "help.close_what_is_open_never_quits" { en: "close what is open (never quits)", es: "cerrar lo que esté abierto (nunca sale)" }
    // The branch list (b), two branches side by side (c), the lesson list (L).
    // Help for the branch list, the comparison and the lesson list.
    HelpBranchList = "help.section.branches" { en: "In the branch list (b)", es: "En la lista de ramas (b)" }
    HelpCompareSection = "help.section.compare" { en: "Two branches side by side (c in the branch list)", es: "Dos ramas lado a lado (c en la lista de ramas)" }
    HelpLessonList = "help.section.lessons" { en: "In the lesson list (L)", es: "En la lista de lecciones (L)" }
    HelpSelectTheBranchAbove = "help.select_the_branch_above" { en: "select the branch above", es: "elegir la rama de arriba" }
    HelpSelectTheBranchBelow = "help.select_the_branch_below" { en: "select the branch below", es: "elegir la rama de abajo" }
    HelpShowTheSelectedBranch = "help.show_the_selected_branch" { en: "show the selected branch at the same step", es: "mostrar la rama elegida en el mismo paso" }
    HelpCompareTheSelectedBranch = "help.compare_the_selected_branch" { en: "compare the selected branch with the one shown, side by side", es: "comparar la rama elegida con la de la pantalla, lado a lado" }
    HelpCloseTheBranchList = "help.close_the_branch_list" { en: "close the branch list", es: "cerrar la lista de ramas" }
    HelpTheStepAbove = "help.the_step_above" { en: "the step above", es: "el paso de arriba" }
    HelpTheStepBelow = "help.the_step_below" { en: "the step below", es: "el paso de abajo" }
    HelpShowTheSelectedStep = "help.show_the_selected_step" { en: "show the selected step on the other branch", es: "mostrar el paso elegido en la otra rama" }
    HelpBackToTheBranchList = "help.back_to_the_branch_list" { en: "back to the branch list", es: "volver a la lista de ramas" }
    HelpSelectTheLessonAbove = "help.select_the_lesson_above" { en: "select the lesson above", es: "elegir la lección de arriba" }
    HelpSelectTheLessonBelow = "help.select_the_lesson_below" { en: "select the lesson below", es: "elegir la lección de abajo" }
    HelpOpenTheSelectedLesson = "help.open_the_selected_lesson" { en: "open the selected lesson here", es: "abrir aquí la lección elegida" }
    HelpCloseTheLessonList = "help.close_the_lesson_list" { en: "close the lesson list", es: "cerrar la lista de lecciones" }
    HelpTheBranches = "help.the_branches" { en: "the branches: pick one, or compare two side by side", es: "las ramas: elige una, o compara dos lado a lado" }
    HelpTheLessons = "help.the_lessons" { en: "the lessons, in learning order: open another here", es: "las lecciones, en orden de aprendizaje: abre otra aquí" }
    SayCompareWithItself = "say.compare_with_itself" { en: "That is the branch shown: pick another to compare it with (↑↓), then c.", es: "Esa es la rama en pantalla: elige otra para compararla (↑↓), y luego c." }
    SayNoLessonList = "say.no_lesson_list" { en: "No other lesson can be opened here.", es: "Aquí no se puede abrir otra lección." }
    /// Enter on a lab in the lesson list.
    SayLab = "say.lab" { en: "“{title}” is a lab: your own code makes the calls. Run `cogflow serve {id}` in another terminal.", es: "«{title}» es un laboratorio: las llamadas las hace tu propio código. Ejecuta `cogflow serve {id}` en otra terminal." }
    /// After the last step, when the library is known.
    SayNextLesson = "say.next_lesson" { en: "Next lesson: “{title}” (L opens the list).", es: "Lección siguiente: «{title}» (L abre la lista)." }
    KeySwitch = "key.switch" { en: "switch", es: "cambiar" }
    KeyCompare = "key.compare" { en: "compare", es: "comparar" }
    KeyOpen = "key.open" { en: "open", es: "abrir" }
    /// The branch list's title.
    BranchesTitle = "branches.title" { en: "Branches · showing {n} of {total}", es: "Ramas · se muestra la {n} de {total}" }
    /// A branch's line in the list: its steps and how it ends.
    BranchSteps = "branches.steps" { en: "{total} steps · ends: {outcome}", es: "{total} pasos · termina: {outcome}" }
    BranchNotLaidOut = "branches.not_laid_out" { en: "not computed yet", es: "aún sin calcular" }
    BranchShown = "branches.shown" { en: "shown now", es: "en pantalla" }
    BranchesKeys = "branches.keys" { en: "↑↓ choose · Enter shows it at the same step · c compares it with the branch shown · Esc closes", es: "↑↓ elige · Enter la muestra en el mismo paso · c la compara con la rama en pantalla · Esc cierra" }
    /// Two branches side by side.
    CompareTitle = "compare.title" { en: "Compare · {left} ↔ {right}", es: "Comparar · {left} ↔ {right}" }
    /// Where the two branches part.
    CompareDiverge = "compare.diverge" { en: "They part at step {n}: the first step that differs is marked ≠.", es: "Se separan en el paso {n}: el primer paso distinto lleva ≠." }
    CompareSame = "compare.same" { en: "Every step is the same on both branches.", es: "Todos los pasos son iguales en las dos ramas." }
    CompareEnds = "compare.ends" { en: "Ends: {outcome}", es: "Termina: {outcome}" }
    CompareNoStep = "compare.no_step" { en: "(no step {n} on this branch)", es: "(esta rama no tiene paso {n})" }
    CompareKeys = "compare.keys" { en: "↑↓ step · Enter shows this step on {right} · Esc back to the list", es: "↑↓ paso · Enter muestra este paso en {right} · Esc vuelve a la lista" }
    /// The lesson list.
    LessonsTitle = "lessons.title" { en: "Lessons · the learning path · {done} of {total} done", es: "Lecciones · el camino de aprendizaje · {done} de {total} hechas" }
    LessonDone = "lessons.done" { en: "done", es: "hecha" }
    LessonNew = "lessons.new" { en: "not started", es: "sin empezar" }
    /// A lesson opened, not finished.
    LessonStarted = "lessons.started" { en: "at step {step}", es: "en el paso {step}" }
    LessonQuizRight = "lessons.quiz_right" { en: "quiz {right}/{total}", es: "preguntas {right}/{total}" }
    LessonNeeds = "lessons.needs" { en: "needs: {needs}", es: "requiere: {needs}" }
    LessonLab = "lessons.lab" { en: "lab: cogflow serve {id}", es: "laboratorio: cogflow serve {id}" }
    LessonHere = "lessons.here" { en: "open now", es: "abierta" }
    LessonsKeys = "lessons.keys" { en: "↑↓ choose · Enter opens it here · Esc closes", es: "↑↓ elige · Enter la abre aquí · Esc cierra" }
    // The lab panel (ui/lab.rs, `cogflow serve LAB`). {through}: `lab.through_one` or `lab.through_many`.
    LabTitleWaiting = "lab.title_waiting" { en: "Lab · step {n} of {total} waits · {title}", es: "Laboratorio · el paso {n} de {total} espera · {title}" }
    LabTitleComplete = "lab.title_complete" { en: "Lab · complete · {title}", es: "Laboratorio · completo · {title}" }
    LabNoCallYet = "lab.no_call_yet" { en: "No call yet. Paste these into the shell your script runs in, then run it:", es: "Aún no hay llamadas. Pega esto en la terminal donde se ejecuta tu script y luego ejecútalo:" }
    LabComplete = "lab.complete" { en: "✓ Lab complete", es: "✓ Laboratorio completo" }
    LabStepMet = "lab.step_met" { en: "Step {n} {label}: met by {caller} ({effort})", es: "Paso {n} {label}: cumplido por {caller} ({effort})" }
    LabSaved = "lab.saved" { en: "Saved to your progress: `cogflow results` lists each step with its calls and hints.", es: "Guardado en tu progreso: `cogflow results` lista cada paso con sus llamadas y pistas." }
    LabNotSaved = "lab.not_saved" { en: "Not saved (--no-save, or the progress folder cannot be written).", es: "No se guardó (--no-save, o no se puede escribir la carpeta de progreso)." }
    LabWaitsFor = "lab.waits_for" { en: "Step {n} waits for", es: "El paso {n} espera" }
    LabNoHints = "lab.no_hints" { en: "No hints for this step.", es: "Este paso no tiene pistas." }
    LabHintsAhead = "lab.hints_ahead" { en: "Hints: {of}, one with each call that differs", es: "Pistas: {of}, una con cada llamada que difiere" }
    LabHintsEarned = "lab.hints_earned" { en: "Hints earned: {n} of {of}", es: "Pistas ganadas: {n} de {of}" }
    LabHintsMore = "lab.hints_more" { en: "{rest} more: the next comes with the next call that differs.", es: "{rest} más: la siguiente llega con la próxima llamada que difiera." }
    LabAllMet = "lab.all_met" { en: "Every step is met. c shows each call your code made in the lesson's modes (9: the tokens it got).", es: "Todos los pasos están cumplidos. c muestra cada llamada de tu código en los modos de la lección (9: los tokens que recibió)." }
    LabCallsReceived = "lab.calls_received" { en: "Calls received for step {n} ({count}), newest first", es: "Llamadas recibidas para el paso {n} ({count}), la más reciente primero" }
    LabNoneYet = "lab.none_yet" { en: "None yet: add this step's call to your script (the sample below) and run it.", es: "Ninguna aún: añade la llamada de este paso a tu script (el ejemplo de abajo) y ejecútalo." }
    LabAside = "lab.aside" { en: "{what} (no hint spent)", es: "{what} (sin gastar pista)" }
    LabNoSamples = "lab.no_samples" { en: "This lab gives no code samples.", es: "Este laboratorio no da ejemplos de código." }
    LabSample = "lab.sample" { en: "Sample ·", es: "Ejemplo ·" }
    LabSampleKeys = "lab.sample_keys" { en: " · t: next language · y: copy {through} as a script", es: " · t: siguiente lenguaje · y: copia {through} como script" }
    LabThroughOne = "lab.through_one" { en: "the set-up and step {n}", es: "la preparación y el paso {n}" }
    LabThroughMany = "lab.through_many" { en: "the set-up and steps 1-{n}", es: "la preparación y los pasos 1-{n}" }
    LabNoSampleIn = "lab.no_sample_in" { en: "Step {n} has no {language} sample; t shows another language.", es: "El paso {n} no tiene ejemplo en {language}; t muestra otro lenguaje." }
}

impl Word {
    /// The word named `key` (a `[messages]` key).
    #[must_use]
    pub fn from_key(key: &str) -> Option<Word> {
        Word::ALL.iter().copied().find(|w| w.key() == key)
    }

    /// The footer hint whose English is `hint` (the key table writes its hints in English).
    #[must_use]
    pub fn key_hint(hint: &str) -> Option<Word> {
        Word::ALL
            .iter()
            .copied()
            .find(|w| w.key().starts_with("key.") && w.in_language(Language::En) == hint)
    }

    /// The help overlay's row for what a key does, written in English in the key table.
    #[must_use]
    pub fn help_text(does: &str) -> Option<Word> {
        Word::ALL
            .iter()
            .copied()
            .find(|w| w.key().starts_with("help.") && w.in_language(Language::En) == does)
    }

    /// The `{name}` blanks of the word (the same in every language).
    #[must_use]
    pub fn blanks(self) -> Vec<&'static str> {
        blanks(self.in_language(Language::En))
    }
}

/// The `{name}` blanks in `text`, in order.
fn blanks(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        found.push(&after[..close]);
        rest = &after[close + 1..];
    }
    found
}

/// Why a lesson's replacement for `word` cannot be used: its blanks differ from the word's
/// (a missing `{n}` would drop the step number; an unknown one would show as typed).
#[must_use]
pub fn replacement_problem(word: Word, text: &str) -> Option<String> {
    let mut want = word.blanks();
    let mut got = blanks(text);
    want.sort_unstable();
    got.sort_unstable();
    (want != got).then(|| {
        let shown = |b: &[&str]| {
            if b.is_empty() {
                "no blanks".to_owned()
            } else {
                b.iter()
                    .map(|b| format!("{{{b}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        format!(
            "`{}` must have the blanks of the word it replaces ({}), not {}",
            word.key(),
            shown(&want),
            shown(&got)
        )
    })
}

/// The words one lesson speaks: its language's table, with the lesson's own replacements.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Words {
    language: Language,
    replaced: BTreeMap<Word, String>,
}

impl Words {
    /// The words of `language`, with `replaced` words (keys that name no word are ignored:
    /// the loader refused them).
    #[must_use]
    pub fn new(language: Language, replaced: &BTreeMap<String, String>) -> Words {
        Words {
            language,
            replaced: replaced
                .iter()
                .filter_map(|(k, v)| Some((Word::from_key(k)?, v.clone())))
                .collect(),
        }
    }

    /// The language spoken.
    #[must_use]
    pub fn language(&self) -> Language {
        self.language
    }

    /// `word` as this lesson says it (blanks left as written).
    #[must_use]
    pub fn get(&self, word: Word) -> &str {
        self.replaced
            .get(&word)
            .map_or_else(|| word.in_language(self.language), String::as_str)
    }

    /// `word` with its blanks filled: `fill(Word::StepOf, &[("n", "3"), ("total", "5")])`.
    #[must_use]
    pub fn fill(&self, word: Word, values: &[(&str, &str)]) -> String {
        fill(self.get(word), values)
    }

    /// A sentence about one step (`one`, blank `{step}`) or several (`many`, blanks
    /// `{steps}` for all but the last, joined by commas, and `{last}`).
    #[must_use]
    pub fn steps_sentence(&self, steps: &[usize], one: Word, many: Word) -> String {
        let numbers: Vec<String> = steps.iter().map(ToString::to_string).collect();
        match numbers.split_last() {
            Some((last, [])) => self.fill(one, &[("step", last)]),
            Some((last, init)) => self.fill(many, &[("steps", &init.join(", ")), ("last", last)]),
            None => String::new(),
        }
    }

    /// "Step 3" in this language.
    #[must_use]
    pub fn step(&self, n: usize) -> String {
        self.fill(Word::StepN, &[("n", &n.to_string())])
    }

    /// "Call 3" in this language.
    #[must_use]
    pub fn call(&self, n: usize) -> String {
        self.fill(Word::CallN, &[("n", &n.to_string())])
    }

    /// The number of a "Step N" label in this language or in English (any case, spaces
    /// optional): what a proof's answer may say.
    #[must_use]
    pub fn step_label_number(&self, text: &str) -> Option<usize> {
        let mut prefixes = vec![word_before_blank(self.get(Word::StepN))];
        prefixes.push(word_before_blank(Word::StepN.in_language(Language::En)));
        let text = text.trim();
        prefixes.into_iter().find_map(|prefix| {
            let head = text.get(..prefix.len())?;
            let digits = text.get(prefix.len()..)?.trim();
            (head.eq_ignore_ascii_case(prefix)
                && !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
        })
    }

    /// Text the mock or the engine wrote in English (a check's name or detail, a
    /// cryptographic operation, why it costs what it does) in this language: the first
    /// `said.*` word whose English reads as `text` (its blanks standing for any text, each
    /// said in turn), filled in this language; `text` itself when no word matches (data, or
    /// a sentence no row carries yet). A list joined by commas is said item by item. A full
    /// stop at the end is kept.
    #[must_use]
    pub fn said(&self, text: &str) -> String {
        if self.language == Language::En {
            return text.to_owned();
        }
        let (body, stop) = text.strip_suffix('.').map_or((text, ""), |b| (b, "."));
        for &word in Word::ALL {
            if !word.key().starts_with("said.") {
                continue;
            }
            if let Some(found) = read_blanks(word.in_language(Language::En), body) {
                // Each blank is shorter than `text` (every said word has text of its own), so
                // this ends.
                let values: Vec<(&str, String)> =
                    found.into_iter().map(|(n, v)| (n, self.said(v))).collect();
                let values: Vec<(&str, &str)> =
                    values.iter().map(|(n, v)| (*n, v.as_str())).collect();
                return format!("{}{stop}", self.fill(word, &values));
            }
        }
        // A list the mock joined with commas (a password policy's rules): each item said.
        if body.contains(", ") {
            let items: Vec<String> = body.split(", ").map(|item| self.said(item)).collect();
            return format!("{}{stop}", items.join(", "));
        }
        text.to_owned()
    }

    /// What Cognito checked in a call, in one sentence, for the views that print lines (plain
    /// mode, `cogflow serve`'s log): "Cognito checked: " then the checks that passed, then
    /// each one that failed with why, the mock's English said in this language. `None` when
    /// the call checked nothing.
    #[must_use]
    pub fn checks_line(&self, checks: &[crate::cognito::Check]) -> Option<String> {
        if checks.is_empty() {
            return None;
        }
        let passed: Vec<String> = checks
            .iter()
            .filter(|c| c.passed)
            .map(|c| self.said(&c.name))
            .collect();
        let failed: Vec<String> = checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| {
                self.fill(
                    Word::PlainCognitoFailed,
                    &[
                        ("name", &self.said(&c.name)),
                        ("detail", &self.said(c.detail.trim_end_matches('.'))),
                    ],
                )
            })
            .collect();
        let (passed, failed) = (passed.join(", "), failed.join("; "));
        let said = match (passed.is_empty(), failed.is_empty()) {
            (false, true) => self.fill(Word::PlainAllPassed, &[("passed", &passed)]),
            (false, false) => self.fill(
                Word::PlainSomePassed,
                &[("passed", &passed), ("failed", &failed)],
            ),
            (true, _) => format!("{failed}."),
        };
        Some(format!("{}{said}", self.get(Word::CognitoChecked)))
    }

    /// A tracked value as shown: the run's own words (`empty`, `none`, `N/A`, the
    /// `authStatus` values such as `token issued`: the `value.*` rows, found by their
    /// English) in this language; any other value (data) as it is.
    #[must_use]
    pub fn value<'v>(&'v self, value: &'v str) -> &'v str {
        Word::ALL
            .iter()
            .find(|w| w.key().starts_with("value.") && w.in_language(Language::En) == value)
            .map_or(value, |&w| self.get(w))
    }
}

/// The blanks' values when `text` reads as `template` (`{kid} is in the pool's JWKS` reads
/// `abc is in the pool's JWKS` as kid = abc); a blank stands for one or more characters,
/// up to the first place its following text occurs.
fn read_blanks<'t>(template: &'static str, text: &'t str) -> Option<Vec<(&'static str, &'t str)>> {
    let mut parts = template.split('{');
    let head = parts.next().unwrap_or_default();
    let mut rest = text.strip_prefix(head)?;
    let mut found = Vec::new();
    let mut parts = parts.peekable();
    while let Some(part) = parts.next() {
        let (name, literal) = part.split_once('}')?;
        let value = if parts.peek().is_none() {
            let value = rest.strip_suffix(literal)?;
            rest = "";
            value
        } else {
            let at = rest.get(1..)?.find(literal)? + 1;
            let value = &rest[..at];
            rest = &rest[at + literal.len()..];
            value
        };
        if value.is_empty() {
            return None;
        }
        found.push((name, value));
    }
    rest.is_empty().then_some(found)
}

/// `template` with each `{name}` of `values` replaced by its value, in one pass: a value is
/// never searched for placeholders itself (a username "{n}" stays as typed), and a `{` that
/// opens no known name stays.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let named = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (*value, close))
        });
        match named {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// "Step" of "Step {n}" (trimmed).
fn word_before_blank(text: &str) -> &str {
    text.split('{').next().unwrap_or(text).trim()
}

#[cfg(test)]
mod spanish_lesson;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_line_says_what_passed_then_why_each_failure_failed_in_the_language() {
        use crate::cognito::Check;
        let checks = [
            Check::new("app client", true, "known"),
            Check::new(
                "password (argon2id, the mock's stand-in)",
                false,
                "no match.",
            ),
        ];
        let english = Words::default();
        assert_eq!(english.checks_line(&[]), None);
        assert_eq!(
            english.checks_line(&checks).as_deref(),
            Some(
                "Cognito checked: app client: passed; password (argon2id, the mock's stand-in): FAILED, no match."
            )
        );
        assert_eq!(
            english.checks_line(&checks[..1]).as_deref(),
            Some("Cognito checked: app client: all passed.")
        );
        let spanish = Words::new(Language::Es, &BTreeMap::new());
        let said = spanish.checks_line(&checks).unwrap();
        assert!(
            said.starts_with("Cognito comprobó: ") && said.contains(": FALLIDA, "),
            "{said}"
        );
    }

    #[test]
    fn filling_is_one_pass_and_leaves_values_and_unknown_braces_as_they_are() {
        // (template, values, filled)
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);
        let cases: &[Case] = &[
            (
                "Step {n} of {total}",
                &[("n", "3"), ("total", "5")],
                "Step 3 of 5",
            ),
            ("{n}{n}", &[("n", "7")], "77"),
            // A value holding a placeholder is not filled again.
            ("{a} {b}", &[("a", "{b}"), ("b", "x")], "{b} x"),
            ("{ {x} {unknown} }", &[("x", "1")], "{ 1 {unknown} }"),
            ("no braces", &[("n", "1")], "no braces"),
            ("{n", &[("n", "1")], "{n"),
        ];
        for (template, values, want) in cases {
            assert_eq!(fill(template, values), *want, "{template:?}");
        }
    }

    #[test]
    fn tags_name_languages_and_bad_tags_say_why() {
        assert_eq!(Language::parse("es"), Ok(Language::Es));
        assert_eq!(Language::parse("es-MX"), Ok(Language::Es));
        assert_eq!(Language::parse("EN-gb"), Ok(Language::En));
        let unknown = Language::parse("fr").unwrap_err();
        assert!(unknown.contains("the app speaks en, es"), "{unknown}");
        let bad = Language::parse("spanish!").unwrap_err();
        assert!(bad.contains("not a BCP 47 language tag"), "{bad}");
        assert!(Language::parse("").is_err());
        assert!(Language::parse("es-").is_err());
    }

    #[test]
    fn every_word_has_one_key_and_the_same_blanks_in_every_language() {
        let mut keys: Vec<&str> = Word::ALL.iter().map(|w| w.key()).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "keys are unique");
        for &word in Word::ALL {
            assert_eq!(Word::from_key(word.key()), Some(word));
            for language in Language::ALL {
                let text = word.in_language(language);
                assert!(!text.trim().is_empty(), "{word:?} in {language:?}");
                assert_eq!(
                    replacement_problem(word, text),
                    None,
                    "{word:?} in {language:?}"
                );
            }
        }
    }

    /// Every `authStatus` the run writes (`set("authStatus", "…")` in the engine's sources)
    /// has a `value.*` row, so no lesson shows it in English beside a translated `none`.
    #[test]
    fn every_auth_status_the_run_writes_is_a_word_of_the_table() {
        let sources = [
            include_str!("flow/engine/auth.rs"),
            include_str!("flow/engine/actions.rs"),
            include_str!("flow/engine/record.rs"),
            include_str!("flow/engine/hosted.rs"),
        ];
        let needle = "set(\"authStatus\", \"";
        let mut seen = Vec::new();
        for source in sources {
            for (at, _) in source.match_indices(needle) {
                let rest = &source[at + needle.len()..];
                let status = &rest[..rest.find('"').unwrap()];
                seen.push(status);
                let spanish = Words::new(Language::Es, &BTreeMap::new());
                let english = Words::new(Language::En, &BTreeMap::new());
                let row = Word::ALL.iter().find(|w| {
                    w.key().starts_with("value.") && w.in_language(Language::En) == status
                });
                assert!(row.is_some(), "authStatus `{status}` has no value.* row");
                assert_eq!(
                    english.value(status),
                    status,
                    "English says it as the run writes it"
                );
                assert_eq!(
                    spanish.value(status),
                    row.unwrap().in_language(Language::Es)
                );
            }
        }
        assert!(
            seen.len() >= 13,
            "the engine's statuses were found: {seen:?}"
        );
        let spanish = Words::new(Language::Es, &BTreeMap::new());
        assert_eq!(spanish.value("token issued"), "token emitido");
        assert_eq!(spanish.value("invalid"), "inválido");
        assert_eq!(spanish.value("maria"), "maria", "data stays as it is");
    }

    #[test]
    fn a_lesson_replaces_single_words_and_blanks_are_filled() {
        let replaced = BTreeMap::from([(
            "header.step_of".to_owned(),
            "Etapa {n} de {total}".to_owned(),
        )]);
        let words = Words::new(Language::Es, &replaced);
        assert_eq!(
            words.fill(Word::StepOf, &[("n", "3"), ("total", "5")]),
            "Etapa 3 de 5"
        );
        assert_eq!(words.get(Word::MainPath), "Camino principal");
        assert_eq!(words.value("none"), "ninguno");
        assert_eq!(words.value("user123"), "user123");
        assert_eq!(
            replacement_problem(Word::StepOf, "Etapa {n}"),
            Some(
                "`header.step_of` must have the blanks of the word it replaces ({n}, {total}), not {n}"
                    .to_owned()
            )
        );
    }

    /// `said` takes the first row that reads as the text: a second row with the same
    /// English could never be reached (four such copies were found and removed).
    #[test]
    fn no_two_said_words_read_the_same_english() {
        let mut seen = std::collections::BTreeMap::new();
        for &word in Word::ALL.iter().filter(|w| w.key().starts_with("said.")) {
            let english = word.in_language(Language::En);
            if let Some(first) = seen.insert(english, word.key()) {
                panic!("`{}` repeats `{first}`: {english}", word.key());
            }
        }
    }

    #[test]
    fn the_mocks_english_is_read_back_through_the_said_words() {
        let es = Words::new(Language::Es, &BTreeMap::new());
        assert_eq!(
            es.said("expires at 10:00 UTC, 1 hour after the lesson clock."),
            "caduca a las 10:00 UTC, 1 hora después del reloj de la lección."
        );
        assert_eq!(
            es.said("k1 is in the pool's JWKS"),
            "k1 está en el JWKS del grupo"
        );
        assert_eq!(
            es.said("id: the kind of token expected"),
            "id: el tipo de token esperado"
        );
        assert_eq!(es.said("user enabled"), "usuario activo");
        // Data, and English not in the table, come back as they were.
        assert_eq!(es.said("user123"), "user123");
        assert_eq!(es.said(" is in the pool's JWKS"), " is in the pool's JWKS");
        assert_eq!(Words::default().said("user enabled"), "user enabled");
        // Every said word has text of its own besides blanks (so reading back ends).
        for &word in Word::ALL.iter().filter(|w| w.key().starts_with("said.")) {
            let text = word.in_language(Language::En);
            let bare: String = text
                .split('{')
                .map(|p| p.split_once('}').map_or(p, |(_, r)| r))
                .collect();
            assert!(!bare.trim().is_empty(), "{word:?}");
        }
    }

    #[test]
    fn sentences_about_steps_list_them_in_the_language() {
        let es = Words::new(Language::Es, &BTreeMap::new());
        let say = |w: &Words, steps: &[usize]| {
            w.steps_sentence(steps, Word::SayPassedOne, Word::SayPassedMany)
        };
        assert!(say(&es, &[3]).contains("del paso 3 "), "{}", say(&es, &[3]));
        assert!(say(&es, &[2, 3, 5]).contains("los pasos 2, 3 y 5 "));
        assert!(say(&Words::default(), &[3, 4]).contains("steps 3 and 4 "));
        assert_eq!(say(&es, &[]), "");
    }

    #[test]
    fn step_labels_are_read_in_the_lessons_language_and_in_english() {
        let es = Words::new(Language::Es, &BTreeMap::new());
        assert_eq!(es.step(4), "Paso 4");
        for (text, n) in [
            ("Paso 4", Some(4)),
            ("paso12", Some(12)),
            ("Step 3", Some(3)),
            ("Paso", None),
            ("Paso cuatro", None),
        ] {
            assert_eq!(es.step_label_number(text), n, "{text}");
        }
        let en = Words::default();
        assert_eq!(en.step_label_number("Paso 4"), None);
        assert_eq!(en.step_label_number("step 4"), Some(4));
    }
}
