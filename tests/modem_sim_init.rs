//! The init sequence against the in-memory simulated modem of every profile (simulated time),
//! with and without a SIM PIN.

mod support;

use smsctl::modem::facts::{SimState, SmsMode};
use smsctl::modem::init::{Init, InitConfig, PinMemory};
use smsctl::modem::{ModemError, Session};
use smsctl::sim::{MemPort, Profile, Sim};
use smsctl::time::Instant;
use support::fake_modem::{run_clocked, Run};

fn init_on(sim: Sim, cfg: InitConfig, mem: PinMemory) -> (MemPort, Init, Run<()>) {
    let mut port = MemPort::new(sim, Instant::ZERO);
    let mut s = Session::new();
    let mut i = Init::new(cfg, mem);
    let r = run_clocked(&mut port, &mut s, &mut i, Instant::ZERO, |p, t| {
        p.set_now(t)
    });
    (port, i, r)
}

#[test]
fn init_succeeds_on_every_profile() {
    for profile in Profile::ALL {
        let (_, i, r) = init_on(
            Sim::new(profile, Instant::ZERO),
            InitConfig::default(),
            PinMemory::default(),
        );
        r.result.unwrap_or_else(|e| panic!("{profile}: {e}"));
        let f = i.facts();
        assert_eq!(f.manufacturer.as_str(), profile.manufacturer(), "{profile}");
        assert_eq!(f.model.as_str(), profile.model(), "{profile}");
        assert_eq!(f.firmware.as_str(), profile.revision(), "{profile}");
        assert_eq!(f.imei.as_str(), profile.imei(), "{profile}");
        assert_eq!(f.sim, SimState::Ready, "{profile}");
        assert_eq!(f.mode, SmsMode::Pdu, "{profile}");
        let st = f
            .storage
            .clone()
            .unwrap_or_else(|| panic!("{profile}: no storage"));
        assert_eq!(st.total, profile.sm_capacity(), "{profile}");
        assert_eq!(u16::from(st.index_base), profile.index_base(), "{profile}");
        assert!(f.cnmi.is_some(), "{profile}");
        assert!(f.signal.is_some(), "{profile}");
        assert!(f.registration.is_some(), "{profile}");
    }
}

#[test]
fn pin_is_entered_on_every_profile_and_a_wrong_one_only_once() {
    for profile in Profile::ALL {
        let cfg = InitConfig {
            pin: Some("4711".try_into().unwrap()),
            ..InitConfig::default()
        };
        let sim = Sim::with_pin(profile, Some("4711"), Instant::ZERO);
        let (_, i, r) = init_on(sim, cfg.clone(), PinMemory::default());
        r.result.unwrap_or_else(|e| panic!("{profile}: {e}"));
        assert_eq!(i.facts().sim, SimState::Unlocked, "{profile}");

        let sim = Sim::with_pin(profile, Some("1234"), Instant::ZERO);
        let (port, i, r) = init_on(sim, cfg.clone(), PinMemory::default());
        assert_eq!(r.result, Err(ModemError::PinRejected), "{profile}");
        let mem = i.pin_memory();
        assert!(mem.rejected);
        // The same modem, initialised again (the ladder): no second try.
        let mut s = Session::new();
        let mut port = port;
        let mut again = Init::new(cfg, mem);
        let r = run_clocked(&mut port, &mut s, &mut again, r.end, |p, t| p.set_now(t));
        assert_eq!(r.result, Err(ModemError::PinRejected), "{profile}");
    }
}
