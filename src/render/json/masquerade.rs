//! Structured `-M`: one `masquerade` row per masqueraded connection.

use super::Text;
use crate::model::masquerade::{Masquerade, Protocol};
use serde::Serialize;
use std::net::IpAddr;

#[derive(Debug, Serialize)]
pub struct MasqueradeView<'a> {
    /// The `prot` column's name (`tcp`, `udp`, `icmp`, `ip`, ...).
    pub protocol: String,
    /// The IP protocol number; `null` for the 2.2 table's generic `IP` entry.
    pub protocol_number: Option<u8>,
    /// Time left, in seconds (the kernel counts hundredths).
    pub expires: f64,
    pub source: IpAddr,
    #[serde(flatten)]
    pub source_host: Option<Text<'a>>,
    pub source_port: u16,
    #[serde(flatten)]
    pub source_service: Option<Text<'a>>,
    pub destination: IpAddr,
    #[serde(flatten)]
    pub destination_host: Option<Text<'a>>,
    pub destination_port: u16,
    #[serde(flatten)]
    pub destination_service: Option<Text<'a>>,
    /// The port the source was translated to.
    pub masq_port: u16,
    #[serde(flatten)]
    pub masq_service: Option<Text<'a>>,
    pub initseq: u64,
    pub delta: i64,
    /// `null` where the 2.2 table had no `PDelta` column (the text's `-`).
    pub prev_delta: Option<i64>,
}

/// The names the text shows beside a row's numbers, each `None` when not
/// looked up or not found: hosts (source, destination) and services
/// (source, destination, masquerading port).
#[derive(Debug, Default)]
pub struct MasqueradeNames {
    pub source_host: Option<Vec<u8>>,
    pub destination_host: Option<Vec<u8>>,
    pub source_service: Option<Vec<u8>>,
    pub destination_service: Option<Vec<u8>>,
    pub masq_service: Option<Vec<u8>>,
}

impl<'a> MasqueradeView<'a> {
    pub fn new(row: &Masquerade, names: &'a MasqueradeNames) -> Self {
        let text = |key, name: &'a Option<Vec<u8>>| Text::found(key, name.as_deref());
        MasqueradeView {
            protocol: row.protocol.name(),
            protocol_number: match row.protocol {
                Protocol::AnyIp => None,
                Protocol::Number(n) => Some(n),
            },
            expires: row.expires as f64 / 100.0,
            source: row.source,
            source_host: text("source_host", &names.source_host),
            source_port: row.source_port,
            source_service: text("source_service", &names.source_service),
            destination: row.destination,
            destination_host: text("destination_host", &names.destination_host),
            destination_port: row.destination_port,
            destination_service: text("destination_service", &names.destination_service),
            masq_port: row.masq_port,
            masq_service: text("masq_service", &names.masq_service),
            initseq: row.initseq,
            delta: row.delta,
            prev_delta: row.prev_delta,
        }
    }
}
