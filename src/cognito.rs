//! The mock Cognito user pool (no UI; time and randomness injected).
