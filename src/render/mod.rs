//! Text for the screen: one module per table, all in net-tools' exact widths.

pub mod details;
pub mod events;
pub mod families;
pub mod groups;
pub mod interfaces;
pub mod json;
pub mod legacy;
pub mod legacy_routes;
pub mod masquerade;
pub mod netns;
pub mod output;
pub mod routes;
pub mod sockets;
pub mod stats;
pub mod stats_tables;
pub mod terminal;
pub mod text;

pub use output::Out;
pub mod sctp;
