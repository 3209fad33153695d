//! The `[pool]` keys beyond passwords (MFA, groups, sign-in names, the schema, the client
//! secret, triggers) as the mock's configuration, and the groups a pool starts with.

use crate::cognito::{self, UserPool};
use crate::scenario::model::{
    AttributeTypeSpec, ClientSecretSpec, CustomAttributeSpec, GroupSpec, MfaConfigurationSpec,
    MfaFactorSpec, PoolSpec, SignInAttributeSpec, TriggersSpec, UserSpec,
};

use crate::flow::FlowError;

/// `config` with `spec`'s features (each left at the mock's default when the file is silent).
pub(super) fn apply(spec: &PoolSpec, config: &mut cognito::PoolConfig) {
    if let Some(mfa) = &spec.mfa {
        config.mfa = cognito::MfaSettings {
            configuration: match mfa.configuration {
                MfaConfigurationSpec::Off => cognito::MfaConfiguration::Off,
                MfaConfigurationSpec::Optional => cognito::MfaConfiguration::Optional,
                MfaConfigurationSpec::On => cognito::MfaConfiguration::On,
            },
            factors: mfa.factors.iter().map(|f| factor(*f)).collect(),
        };
    }
    config.username_attributes = spec
        .username_attributes
        .iter()
        .map(|a| sign_in(*a))
        .collect();
    config.alias_attributes = spec.alias_attributes.iter().map(|a| sign_in(*a)).collect();
    // The declared schema, plus any `custom:` attribute a user holds that it does not name
    // (a mutable String, as a file without a schema declares it by using it).
    for declared in spec.schema.iter().map(custom_attribute).rev() {
        config.custom_attributes.retain(|a| a.name != declared.name);
        config.custom_attributes.insert(0, declared);
    }
    config.client_secret = match &spec.client_secret {
        None | Some(ClientSecretSpec::Generate(false)) => cognito::ClientSecret::None,
        Some(ClientSecretSpec::Generate(true)) => cognito::ClientSecret::Generate,
        Some(ClientSecretSpec::Given(secret)) => cognito::ClientSecret::Given(secret.clone()),
    };
    if let Some(triggers) = &spec.triggers {
        config.triggers = self::triggers(triggers);
    }
}

/// Creates `groups` in `pool` and puts each user in theirs (a lesson's pool and `cogflow
/// serve`'s alike).
///
/// # Errors
/// [`FlowError::Pool`] for a group the mock refuses (a name given twice) or a user put in a
/// group that does not exist.
pub fn seed_groups(
    pool: &mut UserPool,
    groups: &[GroupSpec],
    users: &[UserSpec],
) -> Result<(), FlowError> {
    let pool_id = pool.pool_id().to_owned();
    for group in groups {
        pool.create_group(cognito::CreateGroupRequest {
            group_name: group.name.clone(),
            user_pool_id: pool_id.clone(),
            description: group.description.clone(),
            role_arn: group.role_arn.clone(),
            precedence: group.precedence,
        })
        .map_err(|e| FlowError::Pool(format!("group `{}`: {e}", group.name)))?;
    }
    for user in users {
        for group in &user.groups {
            pool.admin_add_user_to_group(cognito::UserGroupRequest {
                user_pool_id: pool_id.clone(),
                username: user.username.clone(),
                group_name: group.clone(),
            })
            .map_err(|e| FlowError::Pool(format!("user `{}`: {e}", user.username)))?;
        }
    }
    Ok(())
}

fn factor(spec: MfaFactorSpec) -> cognito::MfaFactor {
    match spec {
        MfaFactorSpec::SoftwareToken => cognito::MfaFactor::SoftwareToken,
        MfaFactorSpec::Sms => cognito::MfaFactor::Sms,
        MfaFactorSpec::Email => cognito::MfaFactor::Email,
    }
}

fn sign_in(spec: SignInAttributeSpec) -> cognito::SignInAttribute {
    match spec {
        SignInAttributeSpec::Email => cognito::SignInAttribute::Email,
        SignInAttributeSpec::PhoneNumber => cognito::SignInAttribute::PhoneNumber,
        SignInAttributeSpec::PreferredUsername => cognito::SignInAttribute::PreferredUsername,
    }
}

fn custom_attribute(spec: &CustomAttributeSpec) -> cognito::CustomAttribute {
    cognito::CustomAttribute {
        name: spec.name.clone(),
        data_type: match spec.data_type {
            AttributeTypeSpec::String => cognito::AttributeDataType::String,
            AttributeTypeSpec::Number => cognito::AttributeDataType::Number,
            AttributeTypeSpec::Boolean => cognito::AttributeDataType::Boolean,
            AttributeTypeSpec::DateTime => cognito::AttributeDataType::DateTime,
        },
        mutable: spec.mutable,
        max_length: spec.max_length,
    }
}

fn triggers(spec: &TriggersSpec) -> cognito::Triggers {
    cognito::Triggers {
        pre_sign_up: spec.pre_sign_up.as_ref().map(|t| cognito::PreSignUp {
            auto_confirm: t.auto_confirm,
            auto_verify_email: t.auto_verify_email,
            reject: t.reject.clone(),
        }),
        post_confirmation: spec.post_confirmation,
        pre_authentication: spec
            .pre_authentication
            .as_ref()
            .map(|t| cognito::PreAuthentication {
                reject: Some(t.reject.clone()),
            }),
        pre_token_generation: spec.pre_token_generation.as_ref().map(|t| {
            cognito::PreTokenGeneration {
                add_claims: t.add_claims.clone(),
                suppress_claims: t.suppress_claims.clone(),
                groups: t.groups.clone(),
            }
        }),
        custom_message: spec
            .custom_message
            .as_ref()
            .map(|message| cognito::CustomMessage {
                message: message.clone(),
            }),
    }
}
