//! The socket details of an `inet` row as JSON: `info` (`--info`) and
//! `memory` (`--memory`) objects. Every number is the kernel's, in the unit
//! its key names (`_us`, `_ms`, `_bytes_per_s`; bytes and counts otherwise);
//! a field an older kernel does not send is absent.

use crate::model::details::{
    CongestionInfo, MAX_PACING_RATE, MEMORY_FIELDS, Memory, PACING_RATE, TcpInfo,
};
use serde::Serialize;
use serde::ser::SerializeMap;

/// `info`: the congestion algorithm, every `tcp_info` field and the
/// algorithm's own numbers.
#[derive(Debug)]
pub struct Info<'a> {
    pub congestion: Option<&'a [u8]>,
    pub tcp_info: Option<TcpInfo<'a>>,
    pub congestion_info: Option<CongestionInfo>,
}

impl Serialize for Info<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        // A kernel module's name: ASCII.
        if let Some(name) = self.congestion {
            map.serialize_entry("congestion", &String::from_utf8_lossy(name))?;
        }
        for (field, value) in self.tcp_info.iter().flat_map(TcpInfo::fields) {
            // All ones: no pacing limit (null rather than a number past
            // what JSON readers hold exactly).
            let unlimited = value == u64::MAX && [PACING_RATE, MAX_PACING_RATE].contains(&field);
            map.serialize_entry(field.key, &(!unlimited).then_some(value))?;
        }
        match self.congestion_info {
            Some(CongestionInfo::Bbr {
                bandwidth,
                min_rtt_us,
                pacing_gain,
                cwnd_gain,
            }) => map.serialize_entry(
                "bbr",
                &Bbr {
                    bandwidth_bytes_per_s: bandwidth,
                    min_rtt_us,
                    pacing_gain: f64::from(pacing_gain) / 256.0,
                    cwnd_gain: f64::from(cwnd_gain) / 256.0,
                },
            )?,
            Some(CongestionInfo::Dctcp {
                enabled,
                ce_state,
                alpha,
                ab_ecn,
                ab_tot,
            }) => map.serialize_entry(
                "dctcp",
                &Dctcp {
                    enabled: enabled != 0,
                    ce_state,
                    alpha,
                    ab_ecn,
                    ab_tot,
                },
            )?,
            Some(CongestionInfo::Vegas {
                enabled,
                rtt_count,
                rtt_us,
                min_rtt_us,
            }) => map.serialize_entry(
                "vegas",
                &Vegas {
                    enabled: enabled != 0,
                    rtt_count,
                    rtt_us,
                    min_rtt_us,
                },
            )?,
            None => {}
        }
        map.end()
    }
}

#[derive(Serialize)]
struct Bbr {
    bandwidth_bytes_per_s: u64,
    min_rtt_us: u32,
    pacing_gain: f64,
    cwnd_gain: f64,
}

#[derive(Serialize)]
struct Dctcp {
    enabled: bool,
    ce_state: u16,
    alpha: u32,
    ab_ecn: u32,
    ab_tot: u32,
}

#[derive(Serialize)]
struct Vegas {
    enabled: bool,
    rtt_count: u32,
    rtt_us: u32,
    min_rtt_us: u32,
}

/// `memory`: bytes, and `drops` in packets.
#[derive(Debug)]
pub struct MemoryView(pub Memory);

impl Serialize for MemoryView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for ((key, _), value) in MEMORY_FIELDS.iter().zip(self.0.values) {
            if let Some(value) = value {
                map.serialize_entry(key, &value)?;
            }
        }
        map.end()
    }
}
