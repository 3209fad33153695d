//! What the server serves: the user pools (the scenario's, then any CreateUserPool made), one
//! clock for all of them, and which of their messages were already announced.
//!
//! Routing a request to its pool is transport work: the request names the pool by
//! `UserPoolId`, by `ClientId`, or by the issuer inside its access token. Every answer still
//! comes from the pool's own operation.

use serde_json::Value;

use crate::cognito::{CognitoError, DeliveredMessage, UserPool, UserView, decode_unverified};

use super::clock::VirtualClock;

/// The served pools and their clock.
#[derive(Debug)]
pub struct Mock {
    pools: Vec<UserPool>,
    /// How many messages of each pool were already handed out by [`Mock::take_messages`].
    announced: Vec<usize>,
    clock: VirtualClock,
    seed: u64,
}

impl Mock {
    /// Serves `pools` (the first is the default one); `seed` derives the seeds of pools created
    /// later by CreateUserPool.
    #[must_use]
    pub fn new(pools: Vec<UserPool>, seed: u64) -> Self {
        let announced = pools.iter().map(|p| p.outbox().len()).collect();
        Self {
            pools,
            announced,
            clock: VirtualClock::default(),
            seed,
        }
    }

    /// Every pool, the default one first.
    #[must_use]
    pub fn pools(&self) -> &[UserPool] {
        &self.pools
    }

    /// The pool called `pool_id`.
    #[must_use]
    pub fn pool(&self, pool_id: &str) -> Option<&UserPool> {
        self.pools.iter().find(|p| p.pool_id() == pool_id)
    }

    /// The pool at `index` (from [`Mock::route`]).
    pub fn pool_mut(&mut self, index: usize) -> Option<&mut UserPool> {
        self.pools.get_mut(index)
    }

    /// The pool called `pool_id`, to call it. A call that spans several locks (a phased
    /// sign-in) finds its pool again by id: an index would move when a pool is deleted.
    pub fn pool_named_mut(&mut self, pool_id: &str) -> Option<&mut UserPool> {
        self.pools.iter_mut().find(|p| p.pool_id() == pool_id)
    }

    /// DeleteUserPool: the pool is no longer served (its id, clients, JWKS and messages go
    /// with it; a sign-in held between phases then answers ResourceNotFoundException).
    ///
    /// # Errors
    /// `ResourceNotFoundException: User pool … does not exist.`
    pub fn remove_pool(&mut self, pool_id: &str) -> Result<(), CognitoError> {
        let index = self
            .pools
            .iter()
            .position(|p| p.pool_id() == pool_id)
            .ok_or_else(|| CognitoError::unknown_pool(pool_id))?;
        self.pools.remove(index);
        self.announced.remove(index);
        Ok(())
    }

    /// Adds a pool (CreateUserPool) and returns its index.
    pub fn add_pool(&mut self, mut pool: UserPool) -> usize {
        pool.set_now(self.clock.now(super::clock::wall_now()));
        self.announced.push(pool.outbox().len());
        self.pools.push(pool);
        self.pools.len() - 1
    }

    /// A seed for the `n`th pool created while serving.
    #[must_use]
    pub fn seed_for_new_pool(&self) -> u64 {
        crate::cognito::derive_seed(self.seed, 0x100 + self.pools.len() as u64)
    }

    /// Sets every pool's clock to the served time at wall time `wall`, and returns it.
    pub fn tick(&mut self, wall: u64) -> u64 {
        let now = self.clock.now(wall);
        for pool in &mut self.pools {
            pool.set_now(now);
        }
        now
    }

    /// Moves the served time forward by `secs`; returns the new time.
    pub fn advance(&mut self, wall: u64, secs: u64) -> u64 {
        self.clock.advance(wall, secs);
        self.tick(wall)
    }

    /// Freezes or restarts the served time (see [`VirtualClock::freeze`]); returns it.
    pub fn freeze(&mut self, wall: u64, frozen: bool) -> u64 {
        self.clock.freeze(wall, frozen);
        self.tick(wall)
    }

    /// Whether the served time is frozen.
    #[must_use]
    pub fn is_frozen(&self) -> bool {
        self.clock.is_frozen()
    }

    /// Which pool a request body is for: the one its `UserPoolId` names, else the one with its
    /// `ClientId`, else the one whose issuer is in its `AccessToken`, else the default pool
    /// (which then gives Cognito's own answer for an unknown client or token).
    ///
    /// # Errors
    /// `ResourceNotFoundException: User pool … does not exist.` for an unknown `UserPoolId`.
    pub fn route(&self, body: &Value) -> Result<usize, CognitoError> {
        let field = |name: &str| body.get(name).and_then(Value::as_str);
        if let Some(pool_id) = field("UserPoolId") {
            return self
                .pools
                .iter()
                .position(|p| p.pool_id() == pool_id)
                .ok_or_else(|| CognitoError::unknown_pool(pool_id));
        }
        if let Some(client_id) = field("ClientId")
            && let Some(index) = self
                .pools
                .iter()
                .position(|p| p.app_client(client_id).is_some())
        {
            return Ok(index);
        }
        let token_issuer = field("AccessToken")
            .and_then(decode_unverified)
            .and_then(|(_, claims)| claims.get("iss")?.as_str().map(str::to_owned));
        if let Some(iss) = token_issuer
            && let Some(index) = self.pools.iter().position(|p| p.issuer() == iss)
        {
            return Ok(index);
        }
        if self.pools.is_empty() {
            // Every pool was deleted: no pool to give its own answer.
            return Err(match field("ClientId") {
                Some(client_id) => CognitoError::unknown_client(client_id),
                None => CognitoError::internal("no user pool is served: every one was deleted"),
            });
        }
        Ok(0)
    }

    /// Messages sent since the last call, with the pool that sent each.
    pub fn take_messages(&mut self) -> Vec<(String, DeliveredMessage)> {
        let mut out = Vec::new();
        for (pool, seen) in self.pools.iter().zip(self.announced.iter_mut()) {
            for message in &pool.outbox()[*seen..] {
                out.push((pool.pool_id().to_owned(), message.clone()));
            }
            *seen = pool.outbox().len();
        }
        out
    }

    /// Every message every pool sent, oldest first per pool.
    #[must_use]
    pub fn messages(&self) -> Vec<(&str, &DeliveredMessage)> {
        self.pools
            .iter()
            .flat_map(|p| p.outbox().iter().map(move |m| (p.pool_id(), m)))
            .collect()
    }
}

/// The user a request is about: `Username`, `AuthParameters.USERNAME`,
/// `ChallengeResponses.USERNAME`, or the `username` inside its access token.
#[must_use]
pub fn subject(body: &Value) -> Option<String> {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    text(body.get("Username"))
        .or_else(|| text(body.pointer("/AuthParameters/USERNAME")))
        .or_else(|| text(body.pointer("/ChallengeResponses/USERNAME")))
        .or_else(|| {
            let token = body.get("AccessToken")?.as_str()?;
            let (_, claims) = decode_unverified(token)?;
            text(claims.get("username"))
        })
}

/// `pool`'s view of the user `body` is about.
#[must_use]
pub fn subject_view(pool: &UserPool, body: &Value) -> Option<UserView> {
    pool.user(&subject(body)?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::cognito::{Argon2Params, PoolConfig};

    fn pool(id: &str, client: &str) -> UserPool {
        UserPool::new(
            PoolConfig {
                pool_id: Some(id.to_owned()),
                client_id: Some(client.to_owned()),
                argon2: Argon2Params::cheap_for_tests(),
                ..PoolConfig::default()
            },
            1,
            0,
        )
    }

    #[test]
    fn routes_by_pool_id_then_client_id_then_default() {
        let mut second = pool("us-east-1_Second002", "clienttwo");
        let more = second.config().app_client("more", "clientmore".to_owned());
        second.add_client(more).unwrap();
        let mock = Mock::new(vec![pool("us-east-1_First0001", "clientone"), second], 1);
        let cases = [
            (json!({"UserPoolId": "us-east-1_Second002"}), Ok(1)),
            (json!({"ClientId": "clienttwo"}), Ok(1)),
            // Any client of the pool, not only its first.
            (json!({"ClientId": "clientmore"}), Ok(1)),
            (json!({"ClientId": "clientone"}), Ok(0)),
            (json!({"ClientId": "nobody"}), Ok(0)),
            (json!({"AccessToken": "not-a-jwt"}), Ok(0)),
            (json!({}), Ok(0)),
            (
                json!({"UserPoolId": "us-east-1_Nope00000", "ClientId": "clienttwo"}),
                Err("User pool us-east-1_Nope00000 does not exist."),
            ),
        ];
        for (body, want) in cases {
            let got = mock.route(&body).map_err(|e| e.message);
            assert_eq!(got, want.map_err(str::to_owned), "{body}");
        }
    }

    #[test]
    fn a_deleted_pool_is_found_by_nothing_and_the_others_by_id_still() {
        let mut mock = Mock::new(
            vec![
                pool("us-east-1_First0001", "clientone"),
                pool("us-east-1_Second002", "clienttwo"),
            ],
            1,
        );
        mock.remove_pool("us-east-1_First0001").unwrap();
        assert_eq!(
            mock.remove_pool("us-east-1_First0001").unwrap_err().message,
            "User pool us-east-1_First0001 does not exist."
        );
        // A held sign-in finds its pool by id, though its index moved from 1 to 0.
        assert!(mock.pool_named_mut("us-east-1_Second002").is_some());
        assert!(mock.pool_named_mut("us-east-1_First0001").is_none());
        assert_eq!(mock.route(&json!({"ClientId": "clienttwo"})), Ok(0));
        assert_eq!(
            mock.route(&json!({"UserPoolId": "us-east-1_First0001"}))
                .map_err(|e| e.message),
            Err("User pool us-east-1_First0001 does not exist.".to_owned())
        );
        mock.remove_pool("us-east-1_Second002").unwrap();
        assert!(mock.pools().is_empty() && mock.take_messages().is_empty());
        assert_eq!(
            mock.route(&json!({"ClientId": "clienttwo"}))
                .map_err(|e| e.message),
            Err("User pool client clienttwo does not exist.".to_owned())
        );
    }

    #[test]
    fn finds_the_user_a_request_is_about() {
        let cases = [
            (json!({"Username": "ana"}), Some("ana")),
            (json!({"AuthParameters": {"USERNAME": "bo"}}), Some("bo")),
            (
                json!({"ChallengeResponses": {"USERNAME": "cy"}}),
                Some("cy"),
            ),
            (json!({"AccessToken": "garbage"}), None),
            (json!({"ClientId": "x"}), None),
        ];
        for (body, want) in cases {
            assert_eq!(subject(&body).as_deref(), want, "{body}");
        }
    }

    #[test]
    fn clock_sets_every_pool_and_messages_are_announced_once() {
        let mut mock = Mock::new(vec![pool("us-east-1_First0001", "clientone")], 1);
        assert_eq!(mock.tick(5000), 5000);
        assert_eq!(mock.advance(5000, 60), 5060);
        assert_eq!(mock.pools()[0].now(), 5060);
        let index = mock.route(&json!({"ClientId": "clientone"})).unwrap();
        let pool = mock.pool_mut(index).unwrap();
        pool.sign_up(crate::cognito::SignUpRequest {
            client_id: "clientone".into(),
            secret_hash: None,
            username: "ana".into(),
            password: "Correct-Horse-9".into(),
            user_attributes: vec![crate::cognito::AttributeType::new(
                "email",
                "ana@example.com",
            )],
        })
        .unwrap();
        let first = mock.take_messages();
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].0, "us-east-1_First0001");
        assert_eq!(first[0].1.username, "ana");
        assert!(mock.take_messages().is_empty());
        assert_eq!(mock.messages().len(), 1);
    }
}
