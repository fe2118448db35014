//! The reassembly table: order, duplicates, expiry, eviction, limits.

use smsctl::pdu::{
    self, Added, Address, Concat, DropReason, Pdu, Reassembly, REASSEMBLY_ENTRIES,
    REASSEMBLY_MAX_PARTS,
};
use smsctl::time::{Duration, Instant};

/// An address decoded from a real SMS-DELIVER we build, so tests use the public type.
fn sender(number: &str) -> Address {
    let mut buf = [0u8; pdu::PDU_MAX_OCTETS];
    let p = pdu::DeliverParams {
        smsc: None,
        sender: number,
        scts: pdu::Timestamp::default(),
        text: "",
        coding: pdu::Coding::Gsm7,
        concat: None,
    };
    let enc = pdu::encode_deliver(&p, &mut buf).unwrap();
    match pdu::decode(&buf[..enc.len_total], true).unwrap() {
        Pdu::Deliver(d) => d.sender,
        other => panic!("{other:?}"),
    }
}

fn c(reference: u16, total: u8, seq: u8) -> Concat {
    Concat {
        reference,
        total,
        seq,
    }
}

const MIN: Duration = Duration::from_secs(60);

#[test]
fn any_order_and_duplicates() {
    let mut t = Reassembly::new(10 * MIN);
    let s = sender("+359882505000");
    let now = Instant::from_secs(100);
    assert!(matches!(
        t.add(&s, c(7, 3, 3), "three", now),
        Added::Pending {
            received: 1,
            total: 3,
            ..
        }
    ));
    assert_eq!(t.add(&s, c(7, 3, 3), "three", now), Added::Duplicate);
    assert!(matches!(
        t.add(&s, c(7, 3, 1), "one ", now),
        Added::Pending { received: 2, .. }
    ));
    // Same reference from another sender is another message.
    let other = sender("+15551234");
    assert!(matches!(
        t.add(&other, c(7, 3, 2), "X", now),
        Added::Pending { received: 1, .. }
    ));
    match t.add(&s, c(7, 3, 2), "two ", now) {
        Added::Complete(m) => {
            assert_eq!(m.text.as_str(), "one two three");
            assert_eq!((m.reference, m.total), (7, 3));
            assert_eq!(m.sender.as_str(), "+359882505000");
            assert_eq!(m.first_seen, now);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(t.len(), 1);
}

#[test]
fn same_reference_different_total_is_a_different_message() {
    let mut t = Reassembly::new(MIN);
    let s = sender("+1555");
    let now = Instant::ZERO;
    assert!(matches!(
        t.add(&s, c(1, 2, 1), "a", now),
        Added::Pending { .. }
    ));
    assert!(matches!(
        t.add(&s, c(1, 3, 2), "b", now),
        Added::Pending { .. }
    ));
    assert_eq!(t.len(), 2);
}

#[test]
fn incomplete_entries_expire_with_a_report() {
    let mut t = Reassembly::new(10 * MIN);
    let s = sender("+1555");
    t.add(&s, c(1, 2, 1), "a", Instant::from_secs(0));
    t.add(&s, c(2, 2, 1), "b", Instant::from_secs(120));
    assert_eq!(t.poll_timeout(), Some(Instant::from_secs(600)));
    assert_eq!(t.expire(Instant::from_secs(599)), None);
    let d = t.expire(Instant::from_secs(600)).unwrap();
    assert_eq!(
        (d.reference, d.total, d.received, d.reason),
        (1, 2, 1, DropReason::Expired)
    );
    assert_eq!(t.expire(Instant::from_secs(600)), None);
    assert_eq!(t.poll_timeout(), Some(Instant::from_secs(720)));
    assert!(t.expire(Instant::from_secs(10_000)).is_some());
    assert!(t.is_empty());
    assert_eq!(t.poll_timeout(), None);
}

#[test]
fn full_table_evicts_the_oldest_with_a_report() {
    let mut t = Reassembly::new(10 * MIN);
    let s = sender("+1555");
    for i in 0..REASSEMBLY_ENTRIES {
        let r = t.add(
            &s,
            c(i as u16, 2, 1),
            "x",
            Instant::from_secs(10 + i as u64),
        );
        assert!(matches!(r, Added::Pending { evicted: None, .. }));
    }
    match t.add(&s, c(99, 2, 1), "y", Instant::from_secs(100)) {
        Added::Pending {
            evicted: Some(d), ..
        } => {
            assert_eq!(d.reference, 0);
            assert_eq!(d.reason, DropReason::Evicted);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(t.len(), REASSEMBLY_ENTRIES);
    // The evicted message's late part starts a new entry rather than completing anything.
    assert!(matches!(
        t.add(&s, c(0, 2, 2), "z", Instant::from_secs(101)),
        Added::Pending { .. }
    ));
}

#[test]
fn too_many_parts_and_bad_numbers_are_rejected() {
    let mut t = Reassembly::new(MIN);
    let s = sender("+1555");
    let too_many = (REASSEMBLY_MAX_PARTS + 1) as u8;
    match t.add(&s, c(1, too_many, 1), "x", Instant::ZERO) {
        Added::Rejected(d) => assert_eq!(d.reason, DropReason::TooManyParts),
        other => panic!("{other:?}"),
    }
    assert_eq!(t.add(&s, c(1, 2, 0), "x", Instant::ZERO), Added::Duplicate);
    assert_eq!(t.add(&s, c(1, 2, 3), "x", Instant::ZERO), Added::Duplicate);
    let long = "x".repeat(pdu::TEXT_CAPACITY + 1);
    match t.add(&s, c(1, 2, 1), &long, Instant::ZERO) {
        Added::Rejected(d) => assert_eq!(d.reason, DropReason::PartTooLong),
        other => panic!("{other:?}"),
    }
    assert!(t.is_empty());
}

#[test]
fn largest_message_fits() {
    let mut t = Reassembly::new(MIN);
    let s = sender("Bank");
    let total = REASSEMBLY_MAX_PARTS as u8;
    // Worst-case UTF-8 per part: 160 two-byte characters.
    let part = "é".repeat(160);
    let mut done = None;
    for seq in (1..=total).rev() {
        if let Added::Complete(m) = t.add(&s, c(300, total, seq), &part, Instant::ZERO) {
            done = Some(m);
        }
    }
    let m = done.expect("complete");
    assert_eq!(m.text.chars().count(), 160 * REASSEMBLY_MAX_PARTS);
    assert_eq!(m.sender.as_str(), "Bank");
}
