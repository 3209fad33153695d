//! The listing and clean-up calls a client's set-up and tear-down make: ListUserPools,
//! ListUserPoolClients, DeleteUserPoolClient (a test fixture that creates a client removes it
//! afterwards; a script looks a pool up by name before creating one).
//!
//! Shapes follow botocore's model (`UserPoolDescriptionType`, `UserPoolClientDescription`);
//! `MaxResults` is 1-60 for both lists (`PoolQueryLimitType`, `QueryLimit`), required for
//! ListUserPools. A page's `NextToken` is where the next page starts (opaque to clients).

use serde::{Deserialize, Serialize};

use super::error::{CognitoError, Exception};
use super::manage::{UserPoolClientRequest, out_of_range};
use super::pool::UserPool;

/// ListUserPools' request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUserPoolsRequest {
    /// 1-60 (required).
    pub max_results: usize,
    /// From the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `UserPoolDescriptionType`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolDescription {
    /// The pool id.
    pub id: String,
    /// `PoolName`.
    pub name: String,
    /// The pool's Lambda triggers by name; the mock's triggers are declared behaviour, with no
    /// function ARN to name, so this is empty.
    pub lambda_config: serde_json::Map<String, serde_json::Value>,
    /// Epoch seconds.
    pub creation_date: u64,
    /// Epoch seconds.
    pub last_modified_date: u64,
}

/// ListUserPools' response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUserPoolsResponse {
    /// This page.
    pub user_pools: Vec<UserPoolDescription>,
    /// Where the next page starts; absent on the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// ListUserPoolClients' request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUserPoolClientsRequest {
    /// The pool.
    pub user_pool_id: String,
    /// 1-60; 60 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<usize>,
    /// From the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `UserPoolClientDescription`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolClientDescription {
    /// The client id.
    pub client_id: String,
    /// Its pool.
    pub user_pool_id: String,
    /// `ClientName`.
    pub client_name: String,
}

/// ListUserPoolClients' response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUserPoolClientsResponse {
    /// This page.
    pub user_pool_clients: Vec<UserPoolClientDescription>,
    /// Where the next page starts; absent on the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The page of `items` that starts at `token` (0 when absent), at most `limit` long (1-60,
/// else the `member`'s validation error), and the token of the next page if there is one.
///
/// # Errors
/// `InvalidParameterException` for a limit out of range or a token this mock did not give
/// (the wording is unsourced).
pub(crate) fn page<T: Clone>(
    items: &[T],
    member: &str,
    limit: usize,
    token: Option<&str>,
) -> Result<(Vec<T>, Option<String>), CognitoError> {
    if !(1..=60).contains(&limit) {
        return Err(out_of_range(member, "1", "60"));
    }
    let start = match token {
        None => 0,
        Some(token) => token
            .parse::<usize>()
            .ok()
            .filter(|&start| start <= items.len())
            .ok_or_else(|| {
                CognitoError::new(Exception::InvalidParameter, "Invalid pagination token")
            })?,
    };
    let end = (start + limit).min(items.len());
    let next = (end < items.len()).then(|| end.to_string());
    Ok((items[start..end].to_vec(), next))
}

/// ListUserPools over `pools` (every pool served, in creation order).
///
/// # Errors
/// `InvalidParameterException` (see [`page`]).
pub fn list_user_pools<'p>(
    pools: impl IntoIterator<Item = &'p UserPool>,
    request: &ListUserPoolsRequest,
) -> Result<ListUserPoolsResponse, CognitoError> {
    let all: Vec<UserPoolDescription> = pools
        .into_iter()
        .map(|pool| UserPoolDescription {
            id: pool.pool_id.clone(),
            name: pool.name.clone(),
            lambda_config: serde_json::Map::new(),
            creation_date: pool.created_at,
            last_modified_date: pool.created_at,
        })
        .collect();
    let (user_pools, next_token) = page(
        &all,
        "maxResults",
        request.max_results,
        request.next_token.as_deref(),
    )?;
    Ok(ListUserPoolsResponse {
        user_pools,
        next_token,
    })
}

impl UserPool {
    /// ListUserPoolClients: the pool's app clients, the first (the scenario's) first.
    ///
    /// # Errors
    /// `ResourceNotFoundException` for another pool; `InvalidParameterException` (see [`page`]).
    pub fn list_user_pool_clients(
        &self,
        request: ListUserPoolClientsRequest,
    ) -> Result<ListUserPoolClientsResponse, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        let all: Vec<UserPoolClientDescription> = self
            .clients
            .iter()
            .map(|client| UserPoolClientDescription {
                client_id: client.client_id.clone(),
                user_pool_id: self.pool_id.clone(),
                client_name: client.name.clone(),
            })
            .collect();
        let (user_pool_clients, next_token) = page(
            &all,
            "maxResults",
            request.max_results.unwrap_or(60),
            request.next_token.as_deref(),
        )?;
        Ok(ListUserPoolClientsResponse {
            user_pool_clients,
            next_token,
        })
    }

    /// DeleteUserPoolClient: the client is gone; a call through it then gets
    /// `ResourceNotFoundException: User pool client … does not exist.`, tokens it issued
    /// included (a refresh needs the client).
    ///
    /// # Errors
    /// `ResourceNotFoundException` for another pool or an unknown client.
    pub fn delete_user_pool_client(
        &mut self,
        request: UserPoolClientRequest,
    ) -> Result<serde_json::Value, CognitoError> {
        self.check_pool(&request.user_pool_id)?;
        self.client(&request.client_id)?;
        self.clients.retain(|c| c.client_id != request.client_id);
        Ok(serde_json::json!({}))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::config::{Argon2Params, PoolConfig};

    #[test]
    fn pages_start_where_the_token_says_and_refuse_a_bad_limit_or_token() {
        let items: Vec<u32> = (0..5).collect();
        // (limit, token) -> page, next token
        let cases = [
            (60, None, Ok((vec![0, 1, 2, 3, 4], None))),
            (2, None, Ok((vec![0, 1], Some("2")))),
            (2, Some("2"), Ok((vec![2, 3], Some("4")))),
            (2, Some("4"), Ok((vec![4], None))),
            (0, None, Err("Member must have value between 1 and 60")),
            (61, None, Err("Member must have value between 1 and 60")),
            (2, Some("6"), Err("Invalid pagination token")),
            (2, Some("x"), Err("Invalid pagination token")),
        ];
        for (limit, token, expected) in cases {
            let got = page(&items, "maxResults", limit, token);
            match expected {
                Ok((page, next)) => assert_eq!(
                    got.unwrap(),
                    (page, next.map(str::to_owned)),
                    "{limit} {token:?}"
                ),
                Err(words) => {
                    let e = got.unwrap_err();
                    assert_eq!(e.exception, Exception::InvalidParameter);
                    assert!(e.message.contains(words), "{}", e.message);
                }
            }
        }
    }

    #[test]
    fn a_deleted_client_is_unknown_and_the_list_says_so() {
        let config = PoolConfig {
            argon2: Argon2Params::cheap_for_tests(),
            ..PoolConfig::default()
        };
        let mut pool = UserPool::new(config, 7, 0);
        let pool_id = pool.pool_id().to_owned();
        let first = pool.client_id().to_owned();
        let list = |pool: &UserPool| {
            pool.list_user_pool_clients(ListUserPoolClientsRequest {
                user_pool_id: pool_id.clone(),
                max_results: None,
                next_token: None,
            })
            .unwrap()
            .user_pool_clients
        };
        assert_eq!(list(&pool).len(), 1);
        assert_eq!(list(&pool)[0].client_name, "app");
        let request = UserPoolClientRequest {
            user_pool_id: pool_id.clone(),
            client_id: first.clone(),
        };
        assert_eq!(
            pool.delete_user_pool_client(request.clone()),
            Ok(serde_json::json!({}))
        );
        assert!(list(&pool).is_empty());
        let again = pool.delete_user_pool_client(request).unwrap_err();
        assert_eq!(
            again.message,
            format!("User pool client {first} does not exist.")
        );
    }
}
