//! The `/proc/net` side of a table: opening its file and streaming its lines.

use super::SourceError;
use super::query::Query;
use super::{Extensions, Item};
use crate::model::InetProto;
use crate::source::proc::{self, ReadError};

/// Open a table's `/proc` file: first in every case, so that a missing file
/// means "no support" whichever source serves.
pub(super) fn open_proc(proto: InetProto, ipv6: bool) -> Result<std::fs::File, SourceError> {
    let (v4_path, v6_path) = proc::inet::paths(proto);
    proc::open(if ipv6 { v6_path } else { v4_path }).map_err(SourceError::Proc)
}

/// Read an opened `/proc` table line by line, handing over the rows `query`
/// shows and the lines that do not scan.
pub(super) fn read_proc(
    file: &mut std::fs::File,
    proto: InetProto,
    ipv6: bool,
    query: &Query,
    each: &mut dyn FnMut(Item<'_>),
) -> Result<(), ReadError> {
    let mut header = true;
    let mut parser = proc::inet::LineParser::new(proto, ipv6);
    proc::for_each_line(file, |line| {
        if std::mem::take(&mut header) {
            return;
        }
        match parser.parse(line) {
            Some(row) if query.shows(row) => each(Item::Row(row, Extensions::default())),
            Some(_) => {}
            None => each(Item::Bogus),
        }
    })
    .map_err(ReadError::Read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_tables_stream_only_shown_rows_and_bogus_lines() {
        let data = b"header\n   0: 00000000:1770 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1\n   1: 0100007F:1770 0100007F:9C40 01 00000000:00000000 00:00000000 00000000 0 0 2 1\nbogus\n";
        let path = std::env::temp_dir().join(format!("netstat-sockets-{}", std::process::id()));
        std::fs::write(&path, data).unwrap();
        let read = |query: Query| {
            let mut file = std::fs::File::open(&path).unwrap();
            let mut seen = Vec::new();
            read_proc(&mut file, InetProto::Tcp, false, &query, &mut |item| {
                seen.push(match item {
                    Item::Row(row, _) => Some(row.inode),
                    Item::Bogus => None,
                })
            })
            .unwrap();
            seen
        };
        assert_eq!(read(Query::default()), vec![Some(2), None]);
        let all = Query {
            all: true,
            ..Query::default()
        };
        assert_eq!(read(all), vec![Some(1), Some(2), None]);
        std::fs::remove_file(&path).unwrap();
    }
}
