//! The rate limits survive a restart (same boot: windows as they were) and a reboot (new boot
//! id, clock back at zero: counts kept, windows rebased to the time they had left).

use smsctl::command::limits::{Key, Limiter, Window, HOUR};
use smsctl::command::number::normalise;
use smsctl::host::limits_store::{boot_id, LimitsStore};
use smsctl::time::{Duration, Instant};
use std::path::PathBuf;

fn state_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("smsctl-limits-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn owner() -> Key {
    Key::Number(normalise("+359882505000", None).unwrap())
}

/// One millisecond before `t`.
fn before(t: Instant) -> Instant {
    Instant::from_millis(t.as_millis() - 1)
}

const PER_HOUR: u32 = 3;
const PER_DAY: u32 = 10;

/// A limiter at its hourly limit for the owner, with some SMS and an unknown sender counted.
fn busy_limiter(now: Instant) -> Limiter {
    let mut l = Limiter::new();
    for _ in 0..PER_HOUR {
        assert!(l.take_command(&owner(), now, PER_HOUR));
    }
    assert!(!l.take_command(&owner(), now, PER_HOUR));
    assert!(l.take_command(&Key::Unknown, now, PER_HOUR));
    assert!(l.take_sms(now, PER_DAY, 7));
    l
}

#[test]
fn a_restart_in_the_same_boot_keeps_the_windows() {
    let dir = state_dir("restart");
    let t0 = Instant::from_secs(1000);
    let store = LimitsStore::new(&dir, "boot-a");
    store
        .save(&busy_limiter(t0), t0 + Duration::from_secs(60))
        .unwrap();

    // The daemon restarts ten minutes later in the same boot.
    let now = t0 + Duration::from_secs(600);
    let mut l = LimitsStore::new(&dir, "boot-a").load(now).unwrap();
    assert!(
        !l.take_command(&owner(), now, PER_HOUR),
        "the restart must not reset the limit"
    );
    assert!(l.take_sms(now, PER_DAY, 3));
    assert!(!l.take_sms(now, PER_DAY, 1), "7 + 3 = 10 sent today");
    // The window ends when it would have without the restart.
    assert!(!l.take_command(&owner(), before(t0 + HOUR), PER_HOUR));
    assert!(l.take_command(&owner(), t0 + HOUR, PER_HOUR));
}

#[test]
fn a_reboot_keeps_counts_and_rebases_windows_on_the_new_clock() {
    let dir = state_dir("reboot");
    let t0 = Instant::from_secs(50_000);
    let saved_at = t0 + Duration::from_secs(20 * 60); // 40 minutes of the hour left
    LimitsStore::new(&dir, "boot-a")
        .save(&busy_limiter(t0), saved_at)
        .unwrap();

    // After a reboot the boot-time clock is back near zero.
    let now = Instant::from_secs(30);
    let mut l = LimitsStore::new(&dir, "boot-b").load(now).unwrap();
    assert!(
        !l.take_command(&owner(), now, PER_HOUR),
        "a reboot must not reset the limit"
    );
    let ends = now + Duration::from_secs(40 * 60);
    assert!(!l.take_command(&owner(), before(ends), PER_HOUR));
    assert!(l.take_command(&owner(), ends, PER_HOUR));
    assert_eq!(l.sms_window().count, 7);
    assert!(l.sms_window().end > now);

    // Windows already over when saved are dropped, not carried.
    let dir = state_dir("reboot-expired");
    let mut old = Limiter::new();
    assert!(old.take_command(&owner(), Instant::from_secs(0), PER_HOUR));
    let store = LimitsStore::new(&dir, "boot-a");
    store.save(&old, Instant::from_secs(7200)).unwrap();
    let l = LimitsStore::new(&dir, "boot-b")
        .load(Instant::from_secs(5))
        .unwrap();
    assert_eq!(l.sender_windows().count(), 0);
}

#[test]
fn an_unknown_boot_id_is_read_as_a_reboot() {
    let dir = state_dir("unknown-boot");
    LimitsStore::new(&dir, "")
        .save(
            &busy_limiter(Instant::from_secs(100)),
            Instant::from_secs(100),
        )
        .unwrap();
    let mut l = LimitsStore::new(&dir, "")
        .load(Instant::from_secs(5))
        .unwrap();
    let (_, w) = l.sender_windows().find(|(k, _)| **k == owner()).unwrap();
    assert_eq!(
        w,
        Window {
            end: Instant::from_secs(5 + 3600),
            count: 3
        }
    );
    assert!(!l.take_command(&owner(), Instant::from_secs(5), PER_HOUR));
}

#[test]
fn missing_file_is_fresh_and_a_broken_one_is_an_error() {
    let dir = state_dir("broken");
    let store = LimitsStore::new(&dir, "boot-a");
    let mut l = store.load(Instant::from_secs(1)).unwrap();
    assert!(l.take_command(&owner(), Instant::from_secs(1), 1));
    for text in [
        "garbage",
        "smsctl-limits 1\nboot x\n",
        "smsctl-limits 1\nsaved 1\nsender BANK 5 1\n",
        "smsctl-limits 1\nsaved 1\nsms x 1\n",
        "smsctl-limits 1\nsaved 1\nwhat 1\n",
    ] {
        std::fs::write(store.path(), text).unwrap();
        assert!(store.load(Instant::from_secs(1)).is_err(), "{text:?}");
        let mut fresh = store.load_or_fresh(Instant::from_secs(1));
        assert!(fresh.take_command(&owner(), Instant::from_secs(1), 1));
    }
    // No temporary file is left behind by a save.
    store.save(&l, Instant::from_secs(2)).unwrap();
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["limits"]);
}

#[test]
fn boot_id_comes_from_proc() {
    let dir = state_dir("bootid");
    std::fs::create_dir_all(dir.join("sys/kernel/random")).unwrap();
    std::fs::write(
        dir.join("sys/kernel/random/boot_id"),
        "5c3a2e9e-8d1b-4a0c-9a57-1f0f4b0e2d11\n",
    )
    .unwrap();
    assert_eq!(
        boot_id(&dir).as_deref(),
        Some("5c3a2e9e-8d1b-4a0c-9a57-1f0f4b0e2d11")
    );
    assert!(boot_id(&dir.join("nope")).is_none());
    assert!(
        boot_id(std::path::Path::new("/proc")).is_some(),
        "the real one reads"
    );
}
