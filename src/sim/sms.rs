//! SMS commands (3GPP TS 27.005): `+CMGF +CSCS +CSCA +CPMS +CNMI +CMGL +CMGR +CMGD +CMGS
//! +CSMP +CSMS +CNMA`, and what happens when the network delivers an SMS.

use super::exec::num;
use super::parse::{split_args, Cmd, Kind};
use super::pdumode;
use super::store::{Body, Concat, Mem, Status, Store, Stored};
use super::text::Charset;
use super::{Fail, Flow, Held, Profile, Prompt, Response, Sent, Sim};
use crate::pdu::{self, Coding};
use crate::time::Instant;

/// Where the parts of one delivered SMS went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivery {
    /// The store and the indexes of the parts that were stored.
    pub stored: Vec<(Mem, u16)>,
    /// Parts routed straight to the host as `+CMT`.
    pub routed: usize,
    /// Parts the network holds because storage is full.
    pub held: usize,
}

impl Sim {
    pub(super) fn exec_sms(&mut self, cmd: &Cmd, info: &mut Vec<String>) -> Result<Flow, Fail> {
        let kind = &cmd.kind;
        match cmd.name.as_str() {
            "+CMGF" => match kind {
                Kind::Set(v) => match num(v)? {
                    0 => self.set.text_mode = false,
                    1 => self.set.text_mode = true,
                    _ => return Err(Fail::Error),
                },
                Kind::Exec => self.set.text_mode = false,
                Kind::Read => info.push(format!("+CMGF: {}", u8::from(self.set.text_mode))),
                Kind::Test => info.push("+CMGF: (0,1)".to_string()),
            },
            "+CSCS" => match kind {
                Kind::Set(v) => {
                    let name = split_args(v).into_iter().next().unwrap_or_default();
                    self.set.charset = Charset::parse(&name).ok_or(Fail::Error)?;
                }
                Kind::Read => info.push(format!("+CSCS: \"{}\"", self.set.charset.name())),
                Kind::Test => info.push("+CSCS: (\"IRA\",\"GSM\",\"UCS2\",\"HEX\")".to_string()),
                Kind::Exec => return Err(Fail::Error),
            },
            "+CSCA" => match kind {
                Kind::Set(v) => {
                    self.need_sim_cms()?;
                    let args = split_args(v);
                    let raw = args.first().cloned().unwrap_or_default();
                    self.smsc = self.set.charset.decode(&raw).ok_or(Fail::Cms(304))?;
                }
                Kind::Read => {
                    self.need_sim_cms()?;
                    let addr = self.set.charset.encode(&self.smsc);
                    info.push(format!("+CSCA: \"{addr}\",145"));
                }
                Kind::Test => {}
                Kind::Exec => return Err(Fail::Error),
            },
            "+CSMS" => match kind {
                Kind::Set(_) => info.push("+CSMS: 1,1,1".to_string()),
                Kind::Read => info.push("+CSMS: 0,1,1,1".to_string()),
                Kind::Test => info.push("+CSMS: (0,1)".to_string()),
                Kind::Exec => return Err(Fail::Error),
            },
            "+CSMP" => match kind {
                Kind::Set(_) => {}
                Kind::Read => info.push("+CSMP: 17,167,0,0".to_string()),
                Kind::Test => {}
                Kind::Exec => return Err(Fail::Error),
            },
            "+CNMA" => {}
            "+CPMS" => {
                self.need_sim_cms()?;
                self.cpms(kind, info)?;
            }
            "+CNMI" => self.cnmi(kind, info)?,
            "+CMGL" => {
                self.need_sim_cms()?;
                self.cmgl(kind, info)?;
            }
            "+CMGR" => {
                self.need_sim_cms()?;
                match kind {
                    Kind::Set(v) => self.cmgr(index_arg(v)?, info)?,
                    Kind::Test => {}
                    _ => return Err(Fail::Error),
                }
            }
            "+CMGD" => {
                self.need_sim_cms()?;
                self.cmgd(kind, info)?;
            }
            "+CMGS" => {
                self.need_sim_cms()?;
                return self.cmgs(kind);
            }
            _ => return Err(Fail::Unknown),
        }
        Ok(Flow::Next)
    }

    fn store(&self, mem: Mem) -> &Store {
        match mem {
            Mem::Sm => &self.sm,
            Mem::Me => &self.me,
        }
    }

    fn store_mut(&mut self, mem: Mem) -> &mut Store {
        match mem {
            Mem::Sm => &mut self.sm,
            Mem::Me => &mut self.me,
        }
    }

    fn mem_available(&self, mem: Mem) -> bool {
        self.store(mem).capacity() > 0
    }

    fn cpms(&mut self, kind: &Kind, info: &mut Vec<String>) -> Result<(), Fail> {
        match kind {
            Kind::Read => {
                let parts: Vec<String> = self
                    .set
                    .mems
                    .iter()
                    .map(|&m| {
                        let s = self.store(m);
                        format!("\"{}\",{},{}", m.name(), s.used(), s.capacity())
                    })
                    .collect();
                info.push(format!("+CPMS: {}", parts.join(",")));
            }
            Kind::Test => {
                let names: Vec<String> = [Mem::Sm, Mem::Me]
                    .into_iter()
                    .filter(|&m| self.mem_available(m))
                    .map(|m| format!("\"{}\"", m.name()))
                    .collect();
                let list = format!("({})", names.join(","));
                info.push(format!("+CPMS: {list},{list},{list}"));
            }
            Kind::Set(v) => {
                let args = split_args(v);
                if args.len() > 3 {
                    return Err(Fail::Cms(302));
                }
                let mut mems = self.set.mems;
                for (slot, name) in mems.iter_mut().zip(&args) {
                    let m = Mem::parse(name).ok_or(Fail::Cms(302))?;
                    if !self.mem_available(m) {
                        return Err(Fail::Cms(302));
                    }
                    *slot = m;
                }
                self.set.mems = mems;
                let counts: Vec<String> = mems
                    .iter()
                    .map(|&m| {
                        let s = self.store(m);
                        format!("{},{}", s.used(), s.capacity())
                    })
                    .collect();
                info.push(format!("+CPMS: {}", counts.join(",")));
            }
            Kind::Exec => return Err(Fail::Error),
        }
        Ok(())
    }

    fn cnmi(&mut self, kind: &Kind, info: &mut Vec<String>) -> Result<(), Fail> {
        const LIMITS: [u32; 5] = [3, 3, 3, 2, 1];
        match kind {
            Kind::Set(v) => {
                let args = split_args(v);
                if args.len() > 5 {
                    return Err(Fail::Error);
                }
                let mut cnmi = self.set.cnmi;
                for ((slot, arg), limit) in cnmi.iter_mut().zip(&args).zip(LIMITS) {
                    if arg.trim().is_empty() {
                        continue;
                    }
                    let n = num(arg)?;
                    if n > limit {
                        return Err(Fail::Cms(303));
                    }
                    *slot = n as u8;
                }
                self.set.cnmi = cnmi;
            }
            Kind::Read => {
                let [a, b, c, d, e] = self.set.cnmi;
                info.push(format!("+CNMI: {a},{b},{c},{d},{e}"));
            }
            Kind::Test => info.push("+CNMI: (0-3),(0-3),(0-3),(0-2),(0,1)".to_string()),
            Kind::Exec => return Err(Fail::Error),
        }
        Ok(())
    }

    /// The two lines (header, body) that show a stored message in `+CMGL`/`+CMGR`.
    fn render(&self, prefix: &str, index: Option<u16>, msg: &Stored) -> Result<[String; 2], Fail> {
        let idx = index.map(|i| format!("{i},")).unwrap_or_default();
        if self.set.text_mode {
            let (from, text, scts) = match &msg.body {
                Body::Built {
                    from, text, scts, ..
                } => (from.clone(), text.clone(), scts.to_string()),
                Body::Pdu(bytes) => {
                    let d = pdumode::decode_deliver(bytes).ok_or(Fail::Cms(500))?;
                    (d.from, d.text, d.scts)
                }
            };
            let cs = self.set.charset;
            let alpha = if self.profile.quoted_empty_alpha() {
                "\"\""
            } else {
                ""
            };
            Ok([
                format!(
                    "{prefix}: {idx}\"{}\",\"{}\",{alpha},\"{scts}\"",
                    msg.status.text(),
                    cs.encode(&from)
                ),
                cs.encode(&text),
            ])
        } else {
            let pdu = pdumode::deliver_bytes(&msg.body).ok_or(Fail::Cms(500))?;
            let smsc_len = usize::from(pdu.first().copied().unwrap_or(0));
            let tpdu_len = pdu.len().saturating_sub(smsc_len + 1);
            Ok([
                format!("{prefix}: {idx}{},,{tpdu_len}", msg.status.code()),
                super::text::hex(&pdu),
            ])
        }
    }

    fn cmgl(&mut self, kind: &Kind, info: &mut Vec<String>) -> Result<(), Fail> {
        let filter: Option<Status> = match kind {
            Kind::Exec => Some(Status::RecUnread),
            Kind::Test => {
                if self.set.text_mode {
                    info.push(
                        "+CMGL: (\"REC UNREAD\",\"REC READ\",\"STO UNSENT\",\"STO SENT\",\"ALL\")"
                            .to_string(),
                    );
                } else {
                    info.push("+CMGL: (0-4)".to_string());
                }
                return Ok(());
            }
            Kind::Read => return Err(Fail::Error),
            Kind::Set(v) => {
                let arg = split_args(v).into_iter().next().unwrap_or_default();
                self.status_filter(&arg)?
            }
        };
        let mem = self.set.mems[0];
        for index in self.store(mem).indexes() {
            let Some(msg) = self.store(mem).get(index) else {
                continue;
            };
            if filter.is_some_and(|f| f != msg.status) {
                continue;
            }
            let lines = self.render("+CMGL", Some(index), msg)?;
            info.extend(lines);
            self.mark_read(mem, index);
        }
        Ok(())
    }

    /// `+CMGL`'s `<stat>`: a number in PDU mode, a name in text mode; `None` means all.
    fn status_filter(&self, arg: &str) -> Result<Option<Status>, Fail> {
        let wrong = if self.set.text_mode {
            Fail::Cms(305)
        } else {
            Fail::Cms(304)
        };
        let all = [
            Status::RecUnread,
            Status::RecRead,
            Status::StoUnsent,
            Status::StoSent,
        ];
        if self.set.text_mode {
            if arg.eq_ignore_ascii_case("ALL") {
                return Ok(None);
            }
            all.into_iter()
                .find(|s| s.text().eq_ignore_ascii_case(arg))
                .map(Some)
                .ok_or(wrong)
        } else {
            match num(arg).map_err(|_| wrong)? {
                4 => Ok(None),
                n => all
                    .into_iter()
                    .find(|s| u32::from(s.code()) == n)
                    .map(Some)
                    .ok_or(wrong),
            }
        }
    }

    fn mark_read(&mut self, mem: Mem, index: u16) {
        if let Some(m) = self.store_mut(mem).get_mut(index) {
            if m.status == Status::RecUnread {
                m.status = Status::RecRead;
            }
        }
    }

    fn cmgr(&mut self, index: u16, info: &mut Vec<String>) -> Result<(), Fail> {
        let mem = self.set.mems[0];
        let store = self.store(mem);
        if !store.in_range(index) {
            return Err(Fail::Cms(321));
        }
        // An empty slot answers a bare OK, as most sticks do.
        if let Some(msg) = store.get(index) {
            let lines = self.render("+CMGR", None, msg)?;
            info.extend(lines);
            self.mark_read(mem, index);
        }
        Ok(())
    }

    fn cmgd(&mut self, kind: &Kind, info: &mut Vec<String>) -> Result<(), Fail> {
        let mem = self.set.mems[0];
        match kind {
            Kind::Test => {
                let used: Vec<String> = self
                    .store(mem)
                    .indexes()
                    .iter()
                    .map(u16::to_string)
                    .collect();
                info.push(format!("+CMGD: ({}),(0-4)", used.join(",")));
                return Ok(());
            }
            Kind::Set(v) => {
                let args = split_args(v);
                let flag = match args.get(1) {
                    Some(f) if !f.trim().is_empty() => num(f)?,
                    _ => 0,
                };
                let store = self.store_mut(mem);
                match flag {
                    0 => {
                        let index = index_arg(args.first().map_or("", String::as_str))?;
                        if !store.in_range(index) {
                            return Err(Fail::Cms(321));
                        }
                        if !store.remove(index) && self.profile.delete_empty_fails() {
                            return Err(Fail::Cms(321));
                        }
                    }
                    1 => {
                        store.remove_where(|s| s == Status::RecRead);
                    }
                    2 => {
                        store.remove_where(|s| matches!(s, Status::RecRead | Status::StoSent));
                    }
                    3 => {
                        store.remove_where(|s| s != Status::RecUnread);
                    }
                    4 => {
                        store.remove_where(|_| true);
                    }
                    _ => return Err(Fail::Cms(302)),
                }
            }
            _ => return Err(Fail::Error),
        }
        // The network delivers what it held once the answer is out (see `line_complete`).
        self.freed = true;
        Ok(())
    }

    fn cmgs(&mut self, kind: &Kind) -> Result<Flow, Fail> {
        let Kind::Set(v) = kind else {
            return match kind {
                Kind::Test => Ok(Flow::Next),
                _ => Err(Fail::Error),
            };
        };
        let args = split_args(v);
        let first = args.first().cloned().unwrap_or_default();
        if self.set.text_mode {
            let to = self.set.charset.decode(&first).ok_or(Fail::Cms(305))?;
            if to.is_empty() {
                return Err(Fail::Cms(305));
            }
            Ok(Flow::Prompt(Prompt::Text { to }))
        } else {
            let len = num(&first).map_err(|_| Fail::Cms(304))?;
            if !(1..=164).contains(&len) {
                return Err(Fail::Cms(304));
            }
            Ok(Flow::Prompt(Prompt::Pdu { len: len as usize }))
        }
    }

    /// The body after the prompt ended with Ctrl-Z: send it (or fail as a fault says).
    pub(super) fn finish_send(&mut self, now: Instant, prompt: &Prompt, body: &[u8]) -> Response {
        if let Some(code) = self.faults.cms_error.take() {
            return Response::fail(Vec::new(), Fail::Cms(code));
        }
        let text = String::from_utf8_lossy(body).into_owned();
        let (to, text, concat) = match prompt {
            Prompt::Text { to } => match self.set.charset.decode(&text) {
                Some(t) => (to.clone(), t, None),
                None => return Response::fail(Vec::new(), Fail::Cms(305)),
            },
            Prompt::Pdu { len } => match pdumode::decode_submit(&text, *len) {
                Ok(s) => (s.to, s.text, s.concat),
                Err(code) => return Response::fail(Vec::new(), Fail::Cms(code)),
            },
        };
        self.record_sent(now, to, text, concat);
        let mr = self.next_mr;
        self.next_mr = self.next_mr.wrapping_add(1);
        Response::ok(vec![vec![format!("+CMGS: {mr}")]])
    }

    fn record_sent(&mut self, now: Instant, to: String, text: String, concat: Option<Concat>) {
        if let Some(c) = concat {
            let key = Some((c.reference, c.total));
            if let Some(entry) = self.sent.iter_mut().rev().find(|s| {
                s.to == to
                    && s.concat == key
                    && usize::from(s.parts) < usize::from(c.total)
                    && s.part_texts.iter().all(|(q, _)| *q != c.seq)
            }) {
                entry.part_texts.push((c.seq, text));
                entry.part_texts.sort_by_key(|(q, _)| *q);
                entry.parts = entry.parts.saturating_add(1);
                entry.text = entry.part_texts.iter().map(|(_, t)| t.as_str()).collect();
                return;
            }
        }
        self.sent.push(Sent {
            to,
            text: text.clone(),
            parts: 1,
            time: now,
            concat: concat.map(|c| (c.reference, c.total)),
            part_texts: vec![(concat.map_or(1, |c| c.seq), text)],
        });
    }

    /// The network delivers an SMS from `from`: split into parts when long, each with a fresh
    /// timestamp, stored (with `+CMTI`) or routed (`+CMT`) as `+CNMI` asks.
    pub fn deliver(&mut self, now: Instant, from: &str, text: &str) -> Result<Delivery, String> {
        let coding = Coding::for_text(text);
        let parts = pdu::split(text, coding).map_err(|e| format!("cannot split: {e}"))?;
        let reference = u16::from(self.next_ref);
        if parts.total() > 1 {
            self.next_ref = self.next_ref.wrapping_add(1);
        }
        let mut delivery = Delivery::default();
        for part in parts {
            let body = Body::Built {
                from: from.to_string(),
                text: part.text.to_string(),
                scts: self.clock.stamp(from, now),
                concat: part.concat(reference),
                coding,
            };
            self.deliver_body(now, body, &mut delivery);
        }
        Ok(delivery)
    }

    /// The network delivers a PDU given verbatim (SMSC address first).
    pub fn deliver_pdu(&mut self, now: Instant, pdu: Vec<u8>) -> Delivery {
        let mut delivery = Delivery::default();
        self.deliver_body(now, Body::Pdu(pdu), &mut delivery);
        delivery
    }

    fn deliver_body(&mut self, now: Instant, body: Body, delivery: &mut Delivery) {
        let [mode, mt, ..] = self.set.cnmi;
        if mode != 0 && mt == 2 && self.plugged {
            if let Some(urc) = self.cmt_urc(&body) {
                self.urc(now, &urc);
                delivery.routed += 1;
                return;
            }
        }
        match self.store_incoming(now, body) {
            Ok(stored) => delivery.stored.push(stored),
            Err(()) => delivery.held += 1,
        }
    }

    /// `+CMT` with the message, in the current mode.
    fn cmt_urc(&self, body: &Body) -> Option<String> {
        let msg = Stored {
            status: Status::RecUnread,
            body: body.clone(),
        };
        let [header, text] = self.render("+CMT", None, &msg).ok()?;
        let header = if self.set.text_mode {
            // `+CMT: "<oa>",<alpha>,"<scts>"` — no status field.
            header.replacen("\"REC UNREAD\",", "", 1)
        } else {
            // `+CMT: <alpha>,<length>`
            header.replacen("+CMT: 0,", "+CMT: ", 1)
        };
        Some(format!("{header}\r\n{text}"))
    }

    /// Stores an incoming message in the receive store, or leaves it with the network.
    fn store_incoming(&mut self, now: Instant, body: Body) -> Result<(Mem, u16), ()> {
        let mem = self.set.mems[2];
        let full = self.faults.storage_full || self.store(mem).is_full();
        if full || !self.network.is_empty() {
            self.network.push_back(Held { body });
            if self.profile == Profile::HuaweiE173 && !self.memfull_told {
                self.memfull_told = true;
                self.urc(now, &format!("^SMMEMFULL: \"{}\"", mem.name()));
            }
            return Err(());
        }
        let msg = Stored {
            status: Status::RecUnread,
            body,
        };
        let index = self.store_mut(mem).put(msg).map_err(|_| ())?;
        let [mode, mt, ..] = self.set.cnmi;
        if mode != 0 && (mt == 1 || mt == 3) {
            self.urc(now, &format!("+CMTI: \"{}\",{index}", mem.name()));
        }
        Ok((mem, index))
    }

    /// Space was freed: the network delivers what it held.
    pub(super) fn release_held(&mut self, now: Instant) {
        let mem = self.set.mems[2];
        if self.store(mem).is_full() {
            return;
        }
        self.faults.storage_full = false;
        self.memfull_told = false;
        while !self.store(mem).is_full() {
            let Some(held) = self.network.pop_front() else {
                break;
            };
            // The queue is empty now, so `store_incoming` stores it.
            let pending = std::mem::take(&mut self.network);
            let _ = self.store_incoming(now, held.body);
            self.network = pending;
        }
    }

    /// Messages in both stores, for the control protocol's `storage`.
    pub fn stored(&self) -> Vec<(Mem, u16, Status, Body)> {
        let mut out = Vec::new();
        for mem in [Mem::Sm, Mem::Me] {
            let store = self.store(mem);
            for index in store.indexes() {
                if let Some(m) = store.get(index) {
                    out.push((mem, index, m.status, m.body.clone()));
                }
            }
        }
        out
    }

    /// Messages the network holds back because storage is full.
    pub fn held_by_network(&self) -> usize {
        self.network.len()
    }
}

fn index_arg(v: &str) -> Result<u16, Fail> {
    let n = num(split_args(v).first().map_or("", String::as_str))?;
    u16::try_from(n).map_err(|_| Fail::Cms(321))
}
