//! `cogflow serve`: the mock user pool on Cognito's own wire protocol, for the learner's code.
//!
//! Transport only: a request is framed ([`wire`]), routed to a pool ([`mock::Mock::route`]),
//! handed to the mock's own operation through one table ([`ops::OPERATIONS`]), and answered
//! as Cognito answers. Each phase of each call becomes an [`events::Event`] for the plain log,
//! the TUI's live view, labs and recording.
//!
//! ```text
//!  client ──POST / (X-Amz-Target)──> routes::api ──> wire (framing) ──> ops::find(name)
//!                                        │                                   │ decode
//!                                        │  events: Received ─ Checked ─ Responded
//!                                        │      (--step holds each)          ▼
//!  client <──200 JSON / 400 __type────── wire::success|failure <── mock pool's operation
//! ```
//!
//! The server runs a tokio `current_thread` runtime on its own thread; the mock's work runs on
//! tokio's blocking pool, so argon2 never stalls the listener and the UI never stalls either.
//! [`Server::stop`] (or dropping the server) closes the listener: clients then get a
//! connection error.

pub mod clock;
pub mod events;
pub mod hosted;
pub mod live;
pub mod log;
pub mod mock;
pub mod ops;
pub mod routes;
pub mod wire;

use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;
use std::time::Duration;

use events::Event;
use mock::Mock;
pub use routes::Options;
use routes::Shared;

/// A bound, not yet serving, listener: its address is known, so the pools can be built with
/// an issuer that names it (`--issuer local`).
#[derive(Debug)]
pub struct Listener {
    listener: TcpListener,
    endpoint: String,
}

impl Listener {
    /// Binds `host:port` (`port` 0 picks a free one).
    ///
    /// # Errors
    /// The address is taken or not ours to bind.
    pub fn bind(host: IpAddr, port: u16) -> io::Result<Self> {
        let listener = TcpListener::bind(SocketAddr::new(host, port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        Ok(Self {
            endpoint: format!("http://{addr}"),
            listener,
        })
    }

    /// `http://127.0.0.1:PORT`: what clients set as their endpoint URL (no trailing slash).
    #[must_use]
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// Starts serving `mock` on the server's own thread. `options.step` holds every call at
    /// every phase until the event consumer resumes it; `options.live` records frames.
    ///
    /// # Errors
    /// The runtime or the listener could not be set up.
    pub fn serve(self, mock: Mock, options: Options) -> io::Result<Server> {
        let (events_tx, events) = mpsc::channel();
        let shared = Arc::new(Shared::new(mock, events_tx, options, self.endpoint.clone()));
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let listener = self.listener;
        let app = routes::router(Arc::clone(&shared));
        let thread = std::thread::Builder::new()
            .name("cogflow-serve".to_owned())
            .spawn(move || -> io::Result<()> {
                let result = runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener)?;
                    let mut graceful = stopped.clone();
                    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
                        let _ = graceful.wait_for(|stop| *stop).await;
                    });
                    let serving = tokio::spawn(async move { server.await });
                    let mut stopped = stopped;
                    let _ = stopped.wait_for(|stop| *stop).await;
                    // In-flight calls get a moment to finish; then the runtime goes, and with it
                    // every connection (an idle keep-alive or a slow client included).
                    let _ = tokio::time::timeout(Duration::from_millis(500), serving).await;
                    Ok(())
                });
                runtime.shutdown_timeout(Duration::from_millis(500));
                result
            })?;
        Ok(Server {
            endpoint: self.endpoint,
            shared,
            events,
            stop,
            thread: Some(thread),
        })
    }
}

/// A running server. Dropping it stops it.
pub struct Server {
    endpoint: String,
    shared: Arc<Shared>,
    events: Receiver<Event>,
    stop: tokio::sync::watch::Sender<bool>,
    thread: Option<JoinHandle<io::Result<()>>>,
}

impl Server {
    /// `http://127.0.0.1:PORT`.
    #[must_use]
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// Every phase of every call, in order.
    #[must_use]
    pub fn events(&self) -> &Receiver<Event> {
        &self.events
    }

    /// The served pools, for a consumer that wants more than the events carry.
    #[must_use]
    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// Closes the listener and waits for the server thread.
    ///
    /// # Errors
    /// What the server thread ended with.
    pub fn stop(mut self) -> io::Result<()> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> io::Result<()> {
        let _ = self.stop.send(true);
        match self.thread.take() {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the server thread panicked"))),
            None => Ok(()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

/// The `KEY=VALUE` lines, a blank line, then the export lines a learner pastes: what
/// `cogflow serve` prints before anything else. `language` is the lesson's: the hosted UI's
/// `login_url` asks for pages in it.
#[must_use]
pub fn banner(
    endpoint: &str,
    mock: &Mock,
    seed: u64,
    language: crate::words::Language,
) -> Vec<String> {
    let mut lines = vec![format!("endpoint={endpoint}")];
    if let Some(pool) = mock.pools().first() {
        lines.push(format!("region={}", pool.region()));
        lines.push(format!("user_pool_id={}", pool.pool_id()));
        lines.push(format!("client_id={}", pool.client_id()));
        for client in pool.clients() {
            lines.push(format!("client_id.{}={}", client.name, client.client_id));
        }
        lines.push(format!(
            "jwks_url={endpoint}/{}/.well-known/jwks.json",
            pool.pool_id()
        ));
        lines.push(format!("issuer={}", pool.issuer()));
        lines.extend(hosted::banner_lines(endpoint, pool, language));
    }
    lines.push(format!("seed={seed}"));
    lines.push(String::new());
    let region = mock.pools().first().map_or("us-east-1", |p| p.region());
    lines.push(format!(
        "export AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER={endpoint}"
    ));
    // Dummy keys: Admin calls need some to be signed, and the learner's real keys never
    // reach the mock from this shell.
    lines.push(format!(
        "export AWS_DEFAULT_REGION={region} AWS_ACCESS_KEY_ID=cogflow-local AWS_SECRET_ACCESS_KEY=cogflow-local"
    ));
    lines
}
