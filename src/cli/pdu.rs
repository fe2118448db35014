//! `smsctl pdu decode [--json] HEX` and `smsctl pdu encode [--ucs2] [--report] NUMBER TEXT…`:
//! the PDU codec for owners debugging a modem.

use super::Outcome;
use crate::pdu::{
    self, Address, Coding, Concat, Dcs, Pdu, StatusReport, SubmitParams, Timestamp, UserData,
    Validity,
};
use std::fmt::Write as _;

const USAGE: &str = "usage:
  smsctl pdu decode [--json] HEX
  smsctl pdu encode [--ucs2] [--report] NUMBER TEXT...";

/// Runs `smsctl pdu …` with the words after `pdu`.
pub fn run(args: &[String]) -> Outcome {
    let Some((sub, rest)) = args.split_first() else {
        return Outcome::Usage(USAGE.to_string());
    };
    match sub.as_str() {
        "decode" => decode(rest),
        "encode" => encode(rest),
        other => Outcome::Usage(format!("unknown pdu command `{other}`\n{USAGE}")),
    }
}

fn decode(args: &[String]) -> Outcome {
    let mut json = false;
    let mut hex = None;
    for a in args {
        match a.as_str() {
            "--json" => json = true,
            s if s.starts_with("--") => {
                return Outcome::Usage(format!("unknown option `{s}`\n{USAGE}"))
            }
            s if hex.is_none() => hex = Some(s),
            _ => return Outcome::Usage(format!("one HEX PDU expected\n{USAGE}")),
        }
    }
    let Some(hex) = hex else {
        return Outcome::Usage(USAGE.to_string());
    };
    match pdu::decode_hex(hex.as_bytes(), true) {
        Ok(p) => {
            print!("{}", if json { to_json(&p) } else { to_text(&p) });
            Outcome::Ok
        }
        Err(e) => Outcome::Failed(format!("bad PDU: {e}")),
    }
}

fn encode(args: &[String]) -> Outcome {
    let mut ucs2 = false;
    let mut report = false;
    let mut words = Vec::new();
    for a in args {
        match a.as_str() {
            "--ucs2" if words.is_empty() => ucs2 = true,
            "--report" if words.is_empty() => report = true,
            s if s.starts_with("--") && words.is_empty() => {
                return Outcome::Usage(format!("unknown option `{s}`\n{USAGE}"))
            }
            s => words.push(s),
        }
    }
    let Some((number, text)) = words.split_first() else {
        return Outcome::Usage(USAGE.to_string());
    };
    if text.is_empty() {
        return Outcome::Usage(format!("a TEXT is needed\n{USAGE}"));
    }
    let text = text.join(" ");
    let coding = if ucs2 {
        Coding::Ucs2
    } else {
        Coding::for_text(&text)
    };
    let parts = match pdu::split(&text, coding) {
        Ok(p) => p,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let reference = reference_for(&text);
    let mut buf = [0u8; pdu::PDU_MAX_OCTETS];
    let mut hex = [0u8; pdu::PDU_MAX_HEX];
    let mut out = String::new();
    for part in parts {
        let params = SubmitParams {
            coding,
            status_report_request: report,
            concat: part.concat(u16::from(reference)),
            ..SubmitParams::new(number, part.text)
        };
        let enc = match pdu::encode_submit(&params, &mut buf) {
            Ok(e) => e,
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        let bytes = buf.get(..enc.len_total).unwrap_or(&[]);
        match pdu::to_hex(bytes, &mut hex) {
            Ok(h) => {
                let _ = writeln!(out, "{} {h}", enc.tpdu_len);
            }
            Err(e) => return Outcome::Failed(e.to_string()),
        }
    }
    print!("{out}");
    Outcome::Ok
}

/// A concatenation reference derived from the text, so the output is reproducible.
fn reference_for(text: &str) -> u8 {
    let h = text.bytes().fold(0x811C_9DC5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    h.to_le_bytes()[0]
}

fn address_text(a: &Address) -> String {
    format!("{} ({})", a, a.ton.name())
}

fn class_text(dcs: &Dcs) -> String {
    dcs.class
        .map(|c| c.number().to_string())
        .unwrap_or_else(|| "none".into())
}

fn concat_text(c: Option<Concat>) -> String {
    match c {
        Some(c) => format!("reference {}, part {} of {}", c.reference, c.seq, c.total),
        None => "none".into(),
    }
}

fn hex_of(data: &[u8]) -> String {
    data.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02X}");
        s
    })
}

fn validity_text(v: &Validity) -> String {
    match v {
        Validity::None => "none".into(),
        Validity::Relative(o) => {
            format!(
                "relative {} minutes",
                Validity::relative_duration(*o).as_secs() / 60
            )
        }
        Validity::Absolute(t) => format!("absolute {t}"),
        Validity::Enhanced(o) => match Validity::enhanced_duration(o) {
            Some(d) => format!("enhanced {} seconds ({})", d.as_secs(), hex_of(o)),
            None => format!("enhanced {}", hex_of(o)),
        },
    }
}

fn body_lines(out: &mut String, ud: &UserData) {
    match ud {
        UserData::Text(t) => {
            let _ = writeln!(out, "text: {t}");
        }
        UserData::Data(d) => {
            let _ = writeln!(out, "data: {}", hex_of(d));
        }
    }
}

fn to_text(p: &Pdu) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "type: {}", p.kind());
    let smsc = p.smsc().map(address_text).unwrap_or_else(|| "none".into());
    let _ = writeln!(o, "smsc: {smsc}");
    match p {
        Pdu::Deliver(d) => {
            let _ = writeln!(o, "sender: {}", address_text(&d.sender));
            let _ = writeln!(o, "timestamp: {}", d.scts);
            dcs_lines(&mut o, &d.dcs);
            let _ = writeln!(o, "concat: {}", concat_text(d.concat));
            body_lines(&mut o, &d.user_data);
        }
        Pdu::Submit(s) => {
            let _ = writeln!(o, "recipient: {}", address_text(&s.recipient));
            let _ = writeln!(o, "message reference: {}", s.mr);
            let _ = writeln!(o, "validity: {}", validity_text(&s.validity));
            let _ = writeln!(
                o,
                "status report requested: {}",
                yes(s.status_report_request)
            );
            dcs_lines(&mut o, &s.dcs);
            let _ = writeln!(o, "concat: {}", concat_text(s.concat));
            body_lines(&mut o, &s.user_data);
        }
        Pdu::StatusReport(r) => report_lines(&mut o, r),
    }
    o
}

fn report_lines(o: &mut String, r: &StatusReport) {
    let _ = writeln!(o, "recipient: {}", address_text(&r.recipient));
    let _ = writeln!(o, "message reference: {}", r.mr);
    let _ = writeln!(o, "timestamp: {}", r.scts);
    let _ = writeln!(o, "discharge time: {}", r.discharge);
    let _ = writeln!(o, "status: 0x{:02X} {}", r.status.0, r.status.describe());
    if let Some(d) = &r.dcs {
        dcs_lines(o, d);
    }
    if let Some(ud) = &r.user_data {
        body_lines(o, ud);
    }
}

fn dcs_lines(o: &mut String, d: &Dcs) {
    let _ = writeln!(o, "coding: {}", d.alphabet.name());
    let _ = writeln!(o, "class: {}", class_text(d));
    if let Some(w) = d.waiting {
        let _ = writeln!(
            o,
            "message waiting: {} {}",
            w.kind.name(),
            if w.active { "on" } else { "off" }
        );
    }
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// A JSON object built by hand: keys in insertion order, values escaped.
struct Json(String);

impl Json {
    fn new() -> Self {
        Json(String::from("{"))
    }
    fn key(&mut self, k: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        crate::host::json::quote_into(&mut self.0, k);
        self.0.push(':');
    }
    fn str(&mut self, k: &str, v: &str) {
        self.key(k);
        crate::host::json::quote_into(&mut self.0, v);
    }
    fn raw(&mut self, k: &str, v: &str) {
        self.key(k);
        self.0.push_str(v);
    }
    fn num(&mut self, k: &str, v: impl std::fmt::Display) {
        self.raw(k, &v.to_string());
    }
    fn opt_str(&mut self, k: &str, v: Option<&str>) {
        match v {
            Some(v) => self.str(k, v),
            None => self.raw(k, "null"),
        }
    }
    fn finish(mut self) -> String {
        self.0.push_str("}\n");
        self.0
    }
}

fn json_address(j: &mut Json, k: &str, a: Option<&Address>) {
    j.opt_str(k, a.map(Address::as_str));
    j.opt_str(&format!("{k}_type"), a.map(|a| a.ton.name()));
}

fn json_time(j: &mut Json, k: &str, t: &Timestamp) {
    j.str(k, &t.to_string());
}

fn json_dcs(j: &mut Json, d: Option<&Dcs>) {
    j.opt_str("coding", d.map(|d| d.alphabet.name()));
    match d.and_then(|d| d.class) {
        Some(c) => j.num("class", c.number()),
        None => j.raw("class", "null"),
    }
    match d.and_then(|d| d.waiting) {
        Some(w) => {
            let mut o = Json::new();
            o.str("kind", w.kind.name());
            o.raw("active", if w.active { "true" } else { "false" });
            o.raw("store", if w.store { "true" } else { "false" });
            j.raw("message_waiting", o.finish().trim_end());
        }
        None => j.raw("message_waiting", "null"),
    }
    match d {
        Some(d) => j.num("dcs", d.raw),
        None => j.raw("dcs", "null"),
    }
}

fn json_concat(j: &mut Json, c: Option<Concat>) {
    match c {
        Some(c) => {
            let mut o = Json::new();
            o.num("reference", c.reference);
            o.num("part", c.seq);
            o.num("total", c.total);
            j.raw("concat", o.finish().trim_end());
        }
        None => j.raw("concat", "null"),
    }
}

fn json_body(j: &mut Json, ud: Option<&UserData>) {
    match ud {
        Some(UserData::Text(t)) => {
            j.str("text", t);
            j.raw("data_hex", "null");
        }
        Some(UserData::Data(d)) => {
            j.raw("text", "null");
            j.str("data_hex", &hex_of(d));
        }
        None => {
            j.raw("text", "null");
            j.raw("data_hex", "null");
        }
    }
}

fn to_json(p: &Pdu) -> String {
    let mut j = Json::new();
    j.str("type", p.kind());
    json_address(&mut j, "smsc", p.smsc());
    match p {
        Pdu::Deliver(d) => {
            json_address(&mut j, "sender", Some(&d.sender));
            json_time(&mut j, "timestamp", &d.scts);
            j.num("pid", d.pid);
            json_dcs(&mut j, Some(&d.dcs));
            json_concat(&mut j, d.concat);
            json_body(&mut j, Some(&d.user_data));
        }
        Pdu::Submit(s) => {
            json_address(&mut j, "recipient", Some(&s.recipient));
            j.num("mr", s.mr);
            j.str("validity", &validity_text(&s.validity));
            j.raw(
                "status_report_request",
                if s.status_report_request {
                    "true"
                } else {
                    "false"
                },
            );
            j.num("pid", s.pid);
            json_dcs(&mut j, Some(&s.dcs));
            json_concat(&mut j, s.concat);
            json_body(&mut j, Some(&s.user_data));
        }
        Pdu::StatusReport(r) => {
            json_address(&mut j, "recipient", Some(&r.recipient));
            j.num("mr", r.mr);
            json_time(&mut j, "timestamp", &r.scts);
            json_time(&mut j, "discharge_time", &r.discharge);
            j.num("status", r.status.0);
            j.str("status_text", r.status.describe());
            json_dcs(&mut j, r.dcs.as_ref());
            json_concat(&mut j, r.concat);
            json_body(&mut j, r.user_data.as_ref());
        }
    }
    j.finish()
}
