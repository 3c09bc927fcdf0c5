//! How the app runs WebKitGTK and its own heap on Linux: settings for a forms application that
//! stays open all day, measured on the large portfolio (docs/performance.md, `make app-perf`).
//! The one module of the workspace with `unsafe` code: two C calls and a GObject class setter.
#![allow(unsafe_code)]

/// Everything below, before the first thread and the first web process (which inherits the
/// environment) start.
pub fn tune() {
    #[cfg(target_os = "linux")]
    {
        set_environment();
        limit_heap_mmap_threshold();
        memory_pressure::install();
    }
}

/// Without compositing the web process skips its GL layer tree, and without the JavaScript JITs it
/// keeps no compiled code and their profiling data — together about 300 MB less after every screen
/// was opened, for UI code that never runs hot loops. JSC sizes its heap from the machine's RAM;
/// `forceRAMSize` makes it collect as on a small machine. A value the user set wins.
///
/// The last three keep OpenGL out of the app process. Without compositing nothing there draws with
/// GL, yet GTK would probe GLX for its visuals and WebKit would ask EGL which buffers and which
/// GPU it could hand to the web process — and loading Mesa's driver maps libLLVM: the app process
/// was 97 MB after every screen with it, 69 MB without (docs/performance.md). Naming the render device answers WebKit's last
/// question without EGL; the name is /dev/null because no GPU buffer is ever handed over, and no
/// process opens it (checked with strace).
#[cfg(target_os = "linux")]
fn set_environment() {
    for (key, value) in [
        ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
        ("JSC_useJIT", "false"),
        ("JSC_forceRAMSize", "268435456"),
        ("GDK_GL", "disable"),
        ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
        ("WEBKIT_WEB_RENDER_DEVICE_FILE", "/dev/null"),
    ] {
        if std::env::var_os(key).is_none() {
            std::env::set_var(key, value);
        }
    }
}

/// glibc raises its mmap threshold to the largest block freed so far (up to 32 MB), after which
/// every large buffer — a decompressed script, an IPC answer, an export — comes from the heap and
/// leaves it fragmented for the rest of the session: 4–6 MB of the app process after every screen.
/// A fixed threshold gives such buffers back to the system as soon as they are freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_heap_mmap_threshold() {
    // SAFETY: mallopt only sets an allocator parameter; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(all(target_os = "linux", not(target_env = "gnu")))]
fn limit_heap_mmap_threshold() {}

/// WebKit's memory-pressure handler for the web process, given a budget.
///
/// The web process measures its own private memory every few seconds; above a threshold it drops
/// caches, and above the strict one it also collects JavaScript and discards the bytecode of
/// functions not running (rebuilt on their next call). By default the budget is the machine's RAM
/// up to 3 GB, so an office app never reaches it and keeps the code of every screen ever opened.
/// The budget below sits above what the first screen needs (about 55 MB of private memory) and
/// below what a tour of every screen leaves (about 95 MB), so the release happens once after a
/// long session and not on every check. No kill threshold: the page is never killed.
///
/// WebKitGTK takes these settings only as a construct-only property of the web context, and the
/// web context is created inside wry with no way to pass it; so the context class's property
/// setter is wrapped to supply them when the value given is the default (none).
#[cfg(target_os = "linux")]
mod memory_pressure {
    use std::ffi::CStr;
    use std::sync::OnceLock;
    use webkit2gtk::ffi::{
        webkit_memory_pressure_settings_new, webkit_memory_pressure_settings_set_conservative_threshold,
        webkit_memory_pressure_settings_set_memory_limit, webkit_memory_pressure_settings_set_poll_interval,
        webkit_memory_pressure_settings_set_strict_threshold, WebKitMemoryPressureSettings,
    };
    use webkit2gtk::glib::gobject_ffi::{
        g_param_spec_get_name, g_type_class_ref, g_value_get_boxed, g_value_init, g_value_set_boxed, g_value_unset, GObject, GObjectClass,
        GParamSpec, GValue,
    };
    use webkit2gtk::glib::translate::IntoGlib;
    use webkit2gtk::glib::StaticType;
    use webkit2gtk::WebContext;

    /// The budget of private memory, in MB.
    const LIMIT_MB: u32 = 100;
    /// Above 80 MB: caches are dropped.
    const CONSERVATIVE: f64 = 0.8;
    /// Above 85 MB: caches, JavaScript garbage and idle bytecode. A tour of every screen leaves
    /// about 90–95 MB; at 90 % the release came after some tours and not after others.
    const STRICT: f64 = 0.85;
    /// Seconds between two measurements (reading /proc/self/smaps, about a millisecond).
    const POLL_SECONDS: f64 = 5.0;

    type SetProperty = unsafe extern "C" fn(*mut GObject, u32, *mut GValue, *mut GParamSpec);

    /// The context class's own setter, and the settings (allocated once, for the life of the
    /// process: every context created gets a copy).
    struct Hook {
        original: SetProperty,
        settings: usize,
    }

    static HOOK: OnceLock<Option<Hook>> = OnceLock::new();

    /// New settings with the budget above; the caller owns them. Through the C API because the
    /// Rust binding insists on an initialized GTK, which this runs before.
    fn settings() -> *mut WebKitMemoryPressureSettings {
        // SAFETY: plain setters on a struct just allocated; the strict threshold goes first
        // because WebKit refuses a conservative one that is not below it.
        unsafe {
            let settings = webkit_memory_pressure_settings_new();
            webkit_memory_pressure_settings_set_memory_limit(settings, LIMIT_MB);
            webkit_memory_pressure_settings_set_strict_threshold(settings, STRICT);
            webkit_memory_pressure_settings_set_conservative_threshold(settings, CONSERVATIVE);
            webkit_memory_pressure_settings_set_poll_interval(settings, POLL_SECONDS);
            settings
        }
    }

    /// Wraps WebKitWebContext's property setter (once; later calls do nothing).
    pub(super) fn install() {
        HOOK.get_or_init(|| {
            // SAFETY: the class is registered and referenced for the life of the process (never
            // unreferenced); its set_property is replaced before any instance exists, and the
            // original is kept and always called.
            unsafe {
                let class = g_type_class_ref(WebContext::static_type().into_glib()) as *mut GObjectClass;
                let original = (*class).set_property?;
                (*class).set_property = Some(set_property);
                Some(Hook { original, settings: settings() as usize })
            }
        });
    }

    /// The one property replaced: the memory-pressure settings (given only at construction).
    const PROPERTY: &CStr = c"memory-pressure-settings";

    unsafe extern "C" fn set_property(object: *mut GObject, id: u32, value: *mut GValue, pspec: *mut GParamSpec) {
        let Some(Some(hook)) = HOOK.get() else { return };
        // Left at its default (none) unless someone passed settings of their own.
        if CStr::from_ptr(g_param_spec_get_name(pspec)) != PROPERTY || !g_value_get_boxed(value).is_null() {
            return (hook.original)(object, id, value, pspec);
        }
        #[cfg(test)]
        tests::SUPPLIED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let mut ours: GValue = std::mem::zeroed();
        g_value_init(&mut ours, (*pspec).value_type);
        // Copied into the value, and by the context from it.
        g_value_set_boxed(&mut ours, hook.settings as *const std::ffi::c_void);
        (hook.original)(object, id, &mut ours, pspec);
        g_value_unset(&mut ours);
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use std::sync::atomic::{AtomicUsize, Ordering};
        use webkit2gtk::ffi::{
            webkit_memory_pressure_settings_free, webkit_memory_pressure_settings_get_conservative_threshold,
            webkit_memory_pressure_settings_get_kill_threshold, webkit_memory_pressure_settings_get_memory_limit,
            webkit_memory_pressure_settings_get_poll_interval, webkit_memory_pressure_settings_get_strict_threshold,
        };
        use webkit2gtk::glib::gobject_ffi::{g_object_new, g_object_unref};

        /// How many times the setter supplied the settings.
        pub(super) static SUPPLIED: AtomicUsize = AtomicUsize::new(0);

        #[test]
        fn a_web_context_created_as_wry_does_gets_the_budget() {
            // A web context needs GTK on a display (`make test` runs these tests under Xvfb).
            gtk::init().expect("a display: run under xvfb-run");
            install();
            install();
            // wry builds its context with no memory-pressure settings; GObject then sets the
            // construct-only property to its default, which the wrapped setter replaces.
            unsafe {
                let context = g_object_new(WebContext::static_type().into_glib(), std::ptr::null());
                assert_eq!(SUPPLIED.load(Ordering::SeqCst), 1);
                g_object_unref(context);
            }
        }

        #[test]
        fn webkit_takes_every_value_of_the_budget() {
            // A value WebKit refuses is left at its default, with only a warning on stderr.
            unsafe {
                let s = settings();
                assert_eq!(webkit_memory_pressure_settings_get_memory_limit(s), 100);
                assert_eq!(webkit_memory_pressure_settings_get_strict_threshold(s), 0.85);
                assert_eq!(webkit_memory_pressure_settings_get_conservative_threshold(s), 0.8);
                assert_eq!(webkit_memory_pressure_settings_get_poll_interval(s), 5.0);
                assert_eq!(webkit_memory_pressure_settings_get_kill_threshold(s), 0.0, "the page is never killed");
                webkit_memory_pressure_settings_free(s);
            }
        }
    }
}
