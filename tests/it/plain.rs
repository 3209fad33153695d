//! Plain mode through the real binary.
