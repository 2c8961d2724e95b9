//! A drop-in `netstat` for modern Linux, byte-compatible with net-tools 2.10.
//!
//! Data flows one way: `cli` turns argv into [`cli::Options`], a `mode` asks a
//! `source` for plain rows (`model`), `names` turns numbers into names when asked,
//! and `render` writes the text.

pub mod cli;
pub mod docs;
pub mod error;
pub mod filter;
pub mod fuzzing;
pub mod mode;
pub mod model;
pub mod names;
pub mod netns;
pub mod render;
pub mod source;
