//! Protocol counters as the kernel's SNMP files list them (`netstat -s`).

/// One named counter. Values are what C's `strtoull` makes of the text:
/// negative numbers wrap and anything past 2^64 - 1 saturates there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counter {
    pub name: Vec<u8>,
    pub value: u64,
}

/// A run of counters under one title (`Ip`, `TcpExt`, `Icmp6`, ...), in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub title: Vec<u8>,
    pub counters: Vec<Counter>,
}

impl Section {
    pub fn new(title: &[u8]) -> Self {
        Section {
            title: title.to_vec(),
            counters: Vec::new(),
        }
    }

    pub fn push(&mut self, name: &[u8], value: u64) {
        self.counters.push(Counter {
            name: name.to_vec(),
            value,
        });
    }
}
