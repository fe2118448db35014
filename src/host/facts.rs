//! The facts `status` reports: hostname, uptime, load, free memory, free disk, CPU
//! temperature, the data link, plus the modem facts the daemon passes in. Every reader takes
//! its root (`/proc`, `/sys`, the disk path, the address lookup) from [`FactSources`], so
//! tests use temporary directories, not the machine. A fact that cannot be read is left out.

use std::fmt::Write;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where the facts come from.
#[derive(Debug, Clone)]
pub struct FactSources {
    /// `/proc`: `sys/kernel/hostname`, `uptime`, `loadavg`, `meminfo`.
    pub proc_dir: PathBuf,
    /// `/sys`: `class/thermal/thermal_zone0/temp`, `class/net/IF/{operstate,flags}`.
    pub sys_dir: PathBuf,
    /// Free space is reported for the file system holding this path (`/`).
    pub disk: PathBuf,
    /// The IPv4 address of an interface (`getifaddrs(3)` on the machine).
    pub ipv4: fn(&str) -> Option<Ipv4Addr>,
}

impl Default for FactSources {
    fn default() -> Self {
        FactSources {
            proc_dir: PathBuf::from("/proc"),
            sys_dir: PathBuf::from("/sys"),
            disk: PathBuf::from("/"),
            ipv4: interface_ipv4,
        }
    }
}

/// The machine's facts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostFacts {
    /// The kernel's hostname.
    pub hostname: Option<String>,
    /// Time since boot.
    pub uptime: Option<Duration>,
    /// One-minute load average, as the kernel writes it (`0.15`).
    pub load1: Option<String>,
    /// `MemAvailable`, bytes.
    pub mem_available: Option<u64>,
    /// Free space for unprivileged users on the disk path's file system, bytes.
    pub disk_free: Option<u64>,
    /// CPU temperature, millidegrees Celsius.
    pub temp_millic: Option<i64>,
    /// The data link.
    pub link: Link,
}

/// The data link (`daemon.link_interface`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Link {
    /// Its name (`ppp0`).
    pub name: String,
    /// Administratively up and running.
    pub up: bool,
    /// Its IPv4 address, if it has one.
    pub ipv4: Option<Ipv4Addr>,
}

/// What the daemon knows about the modem, passed in for `status`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModemFacts {
    /// Signal strength in dBm (from `+CSQ`: −113 + 2 × rssi), if known.
    pub signal_dbm: Option<i16>,
    /// The operator's name (`+COPS`).
    pub operator: Option<String>,
    /// Registration, short (`home`, `roaming`, `searching`, `denied`, `none`).
    pub registration: Option<String>,
    /// Messages handled since the daemon started.
    pub handled: u64,
}

fn read_trimmed(path: &Path) -> Option<String> {
    let s = std::fs::read_to_string(path).ok()?;
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// `IFF_UP` from `<linux/if.h>`.
const IFF_UP: u32 = 0x1;

/// Reads the facts of the machine from `src`, with `link_interface` as the data link.
pub fn read_host_facts(src: &FactSources, link_interface: &str) -> HostFacts {
    let p = &src.proc_dir;
    let first_field = |name: &str| {
        read_trimmed(&p.join(name)).and_then(|s| s.split_whitespace().next().map(str::to_owned))
    };
    let uptime = first_field("uptime")
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64);
    let load1 = first_field("loadavg").filter(|s| s.len() <= 8);
    let mem_available = std::fs::read_to_string(p.join("meminfo"))
        .ok()
        .and_then(|m| meminfo_available(&m));
    let temp_millic = read_trimmed(&src.sys_dir.join("class/thermal/thermal_zone0/temp"))
        .and_then(|s| s.parse::<i64>().ok());
    let net = src.sys_dir.join("class/net").join(link_interface);
    let flags = read_trimmed(&net.join("flags"))
        .and_then(|s| u32::from_str_radix(s.trim_start_matches("0x"), 16).ok());
    let operstate = read_trimmed(&net.join("operstate"));
    // Administratively up, and not known to be down: ppp (and lo) report operstate
    // "unknown", the kernel's word for "no carrier detection", while they carry traffic.
    let up = flags.is_some_and(|f| f & IFF_UP != 0)
        && matches!(operstate.as_deref(), Some("up" | "unknown"));
    HostFacts {
        hostname: read_trimmed(&p.join("sys/kernel/hostname")),
        uptime,
        load1,
        mem_available,
        disk_free: disk_free(&src.disk),
        temp_millic,
        link: Link {
            name: link_interface.to_owned(),
            up,
            ipv4: if up { (src.ipv4)(link_interface) } else { None },
        },
    }
}

fn meminfo_available(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kib.checked_mul(1024)
}

/// Free bytes for unprivileged users on the file system holding `path` (`statvfs(3)`).
pub fn disk_free(path: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut st = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `c` is a valid NUL-terminated path and `st` points to writable memory of the
    // right type; statvfs initialises it when it returns 0.
    let rc = unsafe { libc::statvfs(c.as_ptr(), st.as_mut_ptr()) };
    if rc != 0 {
        return None;
    }
    // SAFETY: statvfs returned 0, so it filled `st`.
    let st = unsafe { st.assume_init() };
    #[allow(clippy::useless_conversion)] // the field types differ between targets
    let (avail, frsize) = (u64::from(st.f_bavail), u64::from(st.f_frsize));
    avail.checked_mul(frsize)
}

/// The first IPv4 address of interface `name` (`getifaddrs(3)`).
pub fn interface_ipv4(name: &str) -> Option<Ipv4Addr> {
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs writes a list head into `head`; freed below with freeifaddrs.
    if unsafe { libc::getifaddrs(&mut head) } != 0 {
        return None;
    }
    let mut found = None;
    let mut cur = head;
    while !cur.is_null() {
        // SAFETY: `cur` is a node of the list getifaddrs returned, not yet freed.
        let ifa = unsafe { &*cur };
        cur = ifa.ifa_next;
        if ifa.ifa_name.is_null() || ifa.ifa_addr.is_null() {
            continue;
        }
        // SAFETY: ifa_name is a NUL-terminated string owned by the list.
        let ifname = unsafe { std::ffi::CStr::from_ptr(ifa.ifa_name) };
        // SAFETY: ifa_addr is non-null and points to a sockaddr owned by the list.
        let family = i32::from(unsafe { (*ifa.ifa_addr).sa_family });
        if ifname.to_bytes() != name.as_bytes() || family != libc::AF_INET {
            continue;
        }
        // SAFETY: for AF_INET, ifa_addr points to a sockaddr_in.
        let sin = unsafe { &*(ifa.ifa_addr as *const libc::sockaddr_in) };
        found = Some(Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr)));
        break;
    }
    // SAFETY: `head` came from getifaddrs and is freed once.
    unsafe { libc::freeifaddrs(head) };
    found
}

/// `1234567890` → `1.1G`; `1K` granularity below a megabyte.
fn human_bytes(b: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "G"), (1 << 20, "M"), (1 << 10, "K")];
    for (size, unit) in UNITS {
        if b >= size {
            let tenths = b.saturating_mul(10) / size;
            return if tenths >= 100 {
                format!("{}{unit}", tenths / 10)
            } else {
                format!("{}.{}{unit}", tenths / 10, tenths % 10)
            };
        }
    }
    format!("{b}B")
}

/// `3d4h`, `5h12m`, `7m`.
fn human_uptime(d: Duration) -> String {
    let m = d.as_secs() / 60;
    let (days, hours, mins) = (m / 1440, (m / 60) % 24, m % 60);
    if days > 0 {
        format!("{days}d{hours}h")
    } else if hours > 0 {
        format!("{hours}h{mins}m")
    } else {
        format!("{mins}m")
    }
}

/// The `status` reply, e.g. `pi-field up 12d3h load 0.15 mem 612M disk 5.2G 47C; ppp0 up
/// 10.64.12.134; signal -71dBm Vivacom home; 1234 msgs`. Unknown facts are left out. A typical
/// set fits one SMS; the caller shapes it to the reply size anyway.
pub fn format_status(host: &HostFacts, modem: &ModemFacts) -> String {
    let mut s = String::new();
    s.push_str(host.hostname.as_deref().unwrap_or("host"));
    if let Some(u) = host.uptime {
        let _ = write!(s, " up {}", human_uptime(u));
    }
    if let Some(l) = &host.load1 {
        let _ = write!(s, " load {l}");
    }
    if let Some(m) = host.mem_available {
        let _ = write!(s, " mem {}", human_bytes(m));
    }
    if let Some(d) = host.disk_free {
        let _ = write!(s, " disk {}", human_bytes(d));
    }
    if let Some(t) = host.temp_millic {
        let _ = write!(s, " {}C", (t + 500).div_euclid(1000));
    }
    let link = &host.link;
    let _ = write!(s, "; {} {}", link.name, if link.up { "up" } else { "down" });
    if let Some(ip) = link.ipv4 {
        let _ = write!(s, " {ip}");
    }
    s.push_str("; signal ");
    match modem.signal_dbm {
        Some(dbm) => {
            let _ = write!(s, "{dbm}dBm");
        }
        None => s.push('?'),
    }
    if let Some(op) = &modem.operator {
        let _ = write!(s, " {}", op.chars().take(24).collect::<String>());
    }
    if let Some(r) = &modem.registration {
        let _ = write!(s, " {r}");
    }
    let _ = write!(s, "; {} msgs", modem.handled);
    s
}
