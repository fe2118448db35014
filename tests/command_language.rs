//! The command language as a table: every spelling, secrets, arguments, hostile input, the
//! sender rules and the hourly limit; replies that fit; no allocation on the decision path.

mod support;

use proptest::prelude::*;
use smsctl::command::number::{normalise, CountryCode, Number};
use smsctl::command::reply::{gsm_septets, shape, Reply};
use smsctl::command::{
    decide, Action, CommandEntry, Decision, Ignored, Limiter, Limits, Policy, Redacted,
    UnknownPolicy,
};
use smsctl::time::{Duration, Instant};
use support::counting_alloc::{count, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;

const OWNER: &str = "+359882505000";
const STRANGER: &str = "+359888999000";

fn allow() -> [Number; 1] {
    [normalise(OWNER, None).unwrap()]
}

const COMMANDS: &[CommandEntry<'static>] = &[
    CommandEntry {
        name: "uptime",
        args: false,
    },
    CommandEntry {
        name: "ping-host",
        args: true,
    },
];

fn policy<'a>(allow: &'a [Number], secret: Option<&'a str>, unknown: UnknownPolicy) -> Policy<'a> {
    Policy {
        allow,
        country_code: CountryCode::parse("359"),
        secret,
        unknown,
        commands: COMMANDS,
        connect_minutes: 30,
        limits: Limits::default(),
    }
}

/// Decides `text` from `sender` with a fresh limiter.
fn run<'a>(p: &Policy<'a>, sender: &str, text: &'a str) -> Decision<'a> {
    decide(p, &mut Limiter::new(), sender, text, Instant::from_secs(1))
}

fn action<'a>(d: &Decision<'a>) -> Option<Action<'a>> {
    match d {
        Decision::Run { action, sender } => {
            assert_eq!(sender.as_str(), OWNER);
            Some(*action)
        }
        _ => None,
    }
}

fn reply(d: &Decision<'_>) -> Option<String> {
    match d {
        Decision::Reply(l) => Some(l.as_str().to_owned()),
        _ => None,
    }
}

#[test]
fn every_spelling_of_a_command() {
    let a = allow();
    let p = policy(&a, None, UnknownPolicy::Ignore);
    for text in [
        "status",
        " Status ",
        "STATUS",
        "CMD:status",
        "cmd: status",
        "Cmd:  STATUS\r\n",
        "\tstatus\n",
        "cmd:status ",
    ] {
        assert_eq!(
            action(&run(&p, OWNER, text)),
            Some(Action::Status),
            "{text:?}"
        );
    }
    for (text, expect) in [
        ("reboot", Action::Reboot),
        ("disconnect", Action::Disconnect),
        ("connect", Action::Connect { minutes: 30 }),
        ("connect 5", Action::Connect { minutes: 5 }),
        ("Connect 90m", Action::Connect { minutes: 90 }),
        ("connect 1440", Action::Connect { minutes: 1440 }),
        (
            "UPTIME",
            Action::Configured {
                name: "uptime",
                args: Default::default(),
            },
        ),
    ] {
        assert_eq!(action(&run(&p, OWNER, text)), Some(expect), "{text:?}");
    }
    assert_eq!(reply(&run(&p, OWNER, "ping")).as_deref(), Some("pong"));
    assert_eq!(run(&p, OWNER, "ping").to_string(), "reply: pong");
    assert_eq!(
        run(&p, OWNER, "connect 5").to_string(),
        "run connect 5 for +359882505000"
    );
    assert_eq!(
        run(&p, STRANGER, "x").to_string(),
        "ignore: sender not in the allowlist"
    );
    assert_eq!(reply(&run(&p, OWNER, "cmd: PING")).as_deref(), Some("pong"));
    let help = reply(&run(&p, OWNER, "help")).unwrap();
    assert!(
        help.contains("status") && help.contains("uptime") && help.contains("ping-host [args]")
    );
    assert!(help.len() <= 160);
}

#[test]
fn sender_spellings_and_who_is_refused() {
    let a = allow();
    let p = policy(&a, None, UnknownPolicy::Ignore);
    for sender in [
        "+359882505000",
        "00359882505000",
        "0882505000",
        "+359 88 250-5000",
        "359882505000",
    ] {
        assert_eq!(
            action(&run(&p, sender, "status")),
            Some(Action::Status),
            "{sender}"
        );
    }
    assert_eq!(
        run(&p, STRANGER, "status"),
        Decision::Ignore(Ignored::UnknownSender)
    );
    assert!(matches!(
        run(&p, "Vivacom", "status"),
        Decision::Ignore(Ignored::Unreplyable(_))
    ));
    assert!(matches!(
        run(&p, "1234", "status"),
        Decision::Ignore(Ignored::Unreplyable(_))
    ));
    assert!(matches!(
        run(&p, "", "status"),
        Decision::Ignore(Ignored::Unreplyable(_))
    ));
    let p = policy(&a, None, UnknownPolicy::Reply);
    assert_eq!(
        reply(&run(&p, STRANGER, "status")).as_deref(),
        Some("not authorised")
    );
    // Even with `reply`, short codes and alphanumeric senders never get one.
    assert!(matches!(
        run(&p, "BANK", "status"),
        Decision::Ignore(Ignored::Unreplyable(_))
    ));
    assert!(matches!(
        run(&p, "12345", "status"),
        Decision::Ignore(Ignored::Unreplyable(_))
    ));
}

#[test]
fn secrets() {
    let a = allow();
    let p = policy(&a, Some("4711"), UnknownPolicy::Ignore);
    for text in [
        "4711 status",
        "cmd: 4711 status",
        "4711 cmd:status",
        " 4711   STATUS ",
    ] {
        assert_eq!(
            action(&run(&p, OWNER, text)),
            Some(Action::Status),
            "{text:?}"
        );
    }
    for text in [
        "status",
        "4712 status",
        "47111 status",
        "471 status",
        "4711status",
        "status 4711",
    ] {
        assert_eq!(
            run(&p, OWNER, text),
            Decision::Ignore(Ignored::BadSecret),
            "{text:?}"
        );
    }
    assert_eq!(
        action(&run(&p, OWNER, "4711 connect 7")),
        Some(Action::Connect { minutes: 7 })
    );
    let p = policy(&a, Some("4711"), UnknownPolicy::Reply);
    assert_eq!(
        reply(&run(&p, OWNER, "0000 status")).as_deref(),
        Some("not authorised")
    );
    // The secret never shows.
    assert_eq!(Redacted::new("4711 status", true).to_string(), "*** status");
    assert_eq!(
        Redacted::new("cmd: 4711 reboot", true).to_string(),
        "*** reboot"
    );
    assert_eq!(
        Redacted::new("4712 status", true).to_string(),
        "*** status",
        "guesses too"
    );
    assert_eq!(
        Redacted::new("status\r\nFAKE LOG", false).to_string(),
        "status\\u{d}\\u{a}FAKE LOG"
    );
}

#[test]
fn arguments() {
    let a = allow();
    let p = policy(&a, None, UnknownPolicy::Ignore);
    let d = run(&p, OWNER, "ping-host 8.8.8.8  example.org");
    let Some(Action::Configured { name, args }) = action(&d) else {
        panic!("{d:?}")
    };
    assert_eq!(name, "ping-host");
    assert_eq!(args.iter().collect::<Vec<_>>(), ["8.8.8.8", "example.org"]);
    assert_eq!(
        action(&run(&p, OWNER, "ping-host"))
            .map(|a| a.to_string())
            .as_deref(),
        Some("ping-host")
    );
    for (text, why) in [
        ("ping-host a;reboot", "argument 1: only"),
        ("ping-host $(reboot)", "argument 1: only"),
        ("ping-host `id`", "argument 1: only"),
        ("ping-host a|b", "argument 1: only"),
        ("ping-host ok a&b", "argument 2: only"),
        ("ping-host 'quoted'", "argument 1: only"),
        ("ping-host ../../etc/*", "argument 1: only"),
        ("ping-host --delete", "argument 1 starts with -"),
        ("ping-host a\u{7}b", "argument 1: only"),
        ("ping-host caf\u{e9}", "argument 1: only"),
        ("ping-host 1 2 3 4 5 6 7 8 9", "at most 8 arguments"),
    ] {
        let r =
            reply(&run(&p, OWNER, text)).unwrap_or_else(|| panic!("{text:?} should be refused"));
        assert!(
            r.starts_with("ping-host: ") && r.contains(why),
            "{text:?}: {r}"
        );
    }
    let long = format!("ping-host {}", "a".repeat(65));
    assert!(reply(&run(&p, OWNER, &long))
        .unwrap()
        .contains("longer than 64"));
    let ok = format!("ping-host {}", "a".repeat(64));
    assert!(action(&run(&p, OWNER, &ok)).is_some());
    // Commands without `args = true` and built-ins refuse words after them.
    assert_eq!(
        reply(&run(&p, OWNER, "uptime now")).as_deref(),
        Some("uptime takes no arguments")
    );
    assert_eq!(
        reply(&run(&p, OWNER, "reboot now")).as_deref(),
        Some("reboot takes no arguments")
    );
    for bad in [
        "connect 0",
        "connect 1441",
        "connect -5",
        "connect 5 6",
        "connect x",
        "connect 99999999999",
    ] {
        assert!(
            reply(&run(&p, OWNER, bad))
                .unwrap()
                .starts_with("usage: connect"),
            "{bad}"
        );
    }
}

#[test]
fn unknown_and_hostile_text_gets_the_short_help_line() {
    let a = allow();
    let p = policy(&a, None, UnknownPolicy::Ignore);
    let long_word = "x".repeat(5000);
    for text in [
        "frobnicate",
        "status;reboot",
        "$(reboot)",
        "rm -rf /",
        "\u{1b}[2J",
        "\u{0}",
        "статус",
        "😀",
        "\u{202e}sutats",
        &long_word,
        "cmd:cmd:status",
    ] {
        let r = reply(&run(&p, OWNER, text)).unwrap_or_else(|| panic!("{text:?}"));
        assert!(
            r.starts_with("unknown command. commands: help"),
            "{text:?}: {r}"
        );
        assert!(r.len() <= 160);
    }
    // An empty message gets the help line too.
    for empty in ["  \r\n", "cmd:", "CMD:  "] {
        assert!(
            reply(&run(&p, OWNER, empty))
                .unwrap()
                .starts_with("commands:"),
            "{empty:?}"
        );
    }
}

#[test]
fn hourly_limit_per_sender_and_for_unknown_senders_together() {
    let a = allow();
    let mut p = policy(&a, None, UnknownPolicy::Reply);
    p.limits.commands_per_hour = 3;
    let mut lim = Limiter::new();
    let t0 = Instant::from_secs(100);
    for i in 0..3 {
        let d = decide(&p, &mut lim, OWNER, "ping", t0 + Duration::from_secs(i));
        assert_eq!(reply(&d).as_deref(), Some("pong"));
    }
    let d = decide(&p, &mut lim, OWNER, "ping", t0 + Duration::from_secs(10));
    assert_eq!(d, Decision::Ignore(Ignored::RateLimited));
    // Unknown senders share one allowance, independent of the owner's.
    for (i, s) in ["+4915100000001", "+4915100000002", "+4915100000003"]
        .iter()
        .enumerate()
    {
        let d = decide(&p, &mut lim, s, "x", t0 + Duration::from_secs(i as u64));
        assert_eq!(reply(&d).as_deref(), Some("not authorised"));
    }
    let d = decide(&p, &mut lim, "+4915100000004", "x", t0);
    assert_eq!(d, Decision::Ignore(Ignored::RateLimited));
    // An hour after the window opened, it opens again.
    let d = decide(&p, &mut lim, OWNER, "ping", t0 + Duration::from_secs(3600));
    assert_eq!(reply(&d).as_deref(), Some("pong"));
}

#[test]
fn daily_sms_cap_counts_parts() {
    let mut lim = Limiter::new();
    let t = Instant::from_secs(5);
    assert!(lim.take_sms(t, 5, 3));
    assert!(!lim.take_sms(t, 5, 3), "3 more would make 6 > 5");
    assert!(lim.take_sms(t, 5, 2));
    assert!(!lim.take_sms(t + Duration::from_secs(86_399), 5, 1));
    assert!(lim.take_sms(t + Duration::from_secs(86_400), 5, 1));
}

#[test]
fn replies_fit_and_cut_with_three_dots() {
    let mut out = Reply::new();
    let s = shape("short", 3, &mut out);
    assert_eq!(
        (out.as_str(), s.cut, s.parts, s.ucs2),
        ("short", false, 1, false)
    );
    let long = "a".repeat(1000);
    let s = shape(&long, 3, &mut out);
    assert!(s.cut && out.ends_with("...") && !s.ucs2);
    assert_eq!(out.chars().count(), 3 * 153);
    assert_eq!(s.parts, 3);
    let s = shape(&long, 1, &mut out);
    assert_eq!((out.chars().count(), s.parts), (160, 1));
    // Exactly 160 fits one part uncut; 161 with two parts allowed takes two.
    let s = shape(&"b".repeat(160), 1, &mut out);
    assert!(!s.cut && s.parts == 1);
    let s = shape(&"b".repeat(161), 2, &mut out);
    assert!(!s.cut && s.parts == 2);
    // Extension characters count two septets.
    let s = shape(&"{".repeat(81), 1, &mut out);
    assert!(
        s.cut && out.ends_with("...") && out.len() == 78 + 3,
        "{}",
        out.len()
    );
    // With two-septet characters, parts are counted one septet short (never split an escape).
    let s = shape(&"{".repeat(200), 2, &mut out);
    assert!(
        s.cut && s.parts == 2 && out.len() == 150 + 3,
        "{}",
        out.len()
    );
    // Typography folds to GSM; nothing forces UCS-2 for nothing.
    let s = shape(
        "\u{201c}ok\u{201d} \u{2013} it\u{2019}s done\u{2026}\ttab\r\n",
        3,
        &mut out,
    );
    assert_eq!(out.as_str(), "\"ok\" - it's done... tab");
    assert!(!s.ucs2);
    assert!(out.chars().all(|c| gsm_septets(c).is_some()));
    // Text that needs UCS-2 is counted in UTF-16 units.
    let cyr = "ж".repeat(500);
    let s = shape(&cyr, 2, &mut out);
    assert!(s.ucs2 && s.cut && out.chars().count() == 2 * 67 && out.ends_with("..."));
    let s = shape(&"😀".repeat(40), 1, &mut out);
    assert!(s.ucs2 && s.cut && out.encode_utf16().count() <= 70);
}

#[test]
fn deciding_allocates_nothing() {
    let a = allow();
    let p = policy(&a, Some("4711"), UnknownPolicy::Reply);
    let mut lim = Limiter::new();
    let texts = [
        "4711 status",
        "4711 ping-host a b c",
        "4711 help",
        "bad",
        "4711 frob",
        "4711 connect 5",
    ];
    let (n, _) = count(|| {
        let mut out = Reply::new();
        for (i, t) in texts.iter().enumerate() {
            let now = Instant::from_secs(i as u64);
            for s in [OWNER, STRANGER, "BANK"] {
                let d = decide(&p, &mut lim, s, t, now);
                if let Decision::Reply(l) = &d {
                    shape(l, 3, &mut out);
                }
            }
            shape(t, 3, &mut out);
            use std::fmt::Write;
            let mut buf = heapless::String::<256>::new();
            let _ = write!(buf, "{}", Redacted::new(t, true));
        }
    });
    assert_eq!(n, 0, "the decision path allocated");
}

proptest! {
    #[test]
    fn no_input_panics(sender in ".{0,40}", text in ".{0,400}", flags in any::<u8>()) {
        let mut data = vec![flags];
        data.extend_from_slice(sender.replace('\n', "").as_bytes());
        data.push(b'\n');
        data.extend_from_slice(text.as_bytes());
        smsctl::command::fuzz_parse(&data);
    }

    #[test]
    fn shaped_replies_always_fit(text in "\\PC{0,1200}", parts in 1u8..=8) {
        let mut out = Reply::new();
        let s = shape(&text, parts, &mut out);
        prop_assert!(s.parts <= usize::from(parts));
        if s.ucs2 {
            let units = out.encode_utf16().count();
            let max = if parts == 1 { 70 } else { 67 * usize::from(parts) };
            prop_assert!(units <= max);
        } else {
            let septets: usize = out.chars().map(|c| gsm_septets(c).unwrap()).sum();
            let max = if parts == 1 { 160 } else { 153 * usize::from(parts) };
            prop_assert!(septets <= max);
        }
        if s.cut {
            prop_assert!(out.ends_with("..."));
        }
    }
}

#[test]
fn a_long_help_line_is_cut_once() {
    let a = allow();
    let names: Vec<String> = (0..40)
        .map(|i| format!("configured-command-{i:02}"))
        .collect();
    let entries: Vec<CommandEntry<'_>> = names
        .iter()
        .map(|n| CommandEntry {
            name: n,
            args: true,
        })
        .collect();
    let mut p = policy(&a, None, UnknownPolicy::Ignore);
    p.commands = &entries;
    for text in ["help", "nonsense"] {
        let r = reply(&run(&p, OWNER, text)).unwrap();
        assert!(
            r.len() <= 160 && r.ends_with("...") && !r.ends_with("...."),
            "{r}"
        );
        assert_eq!(r.matches("...").count(), 1, "{r}");
    }
    // The configured commands are still reachable by name.
    let d = run(&p, OWNER, "configured-command-39 x");
    assert!(matches!(d, Decision::Run { .. }), "{d:?}");
}
