//! `transferdesk-server`: the office server. One process owns the data file; the office's staff
//! and its inventors use it with a browser.

use anyhow::Context;
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use transferdesk_server::config::{File, Settings};
use transferdesk_server::{mail, router, schedule, Server};

/// TransferDesk's office server: the app's screens in a browser, for a whole office, over one
/// data file. Settings come from `--config FILE` (TOML) and these options, which win.
#[derive(Parser)]
#[command(name = "transferdesk-server", version)]
struct Cli {
    /// The configuration file (e.g. /etc/transferdesk/server.toml).
    #[arg(long)]
    config: Option<PathBuf>,
    /// The data file (default: $TRANSFERDESK_DB, else the desktop app's file).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Address and port to listen on (default 127.0.0.1:8470); port 0 picks a free one, printed
    /// at start. Any address but loopback needs TLS or --behind-proxy.
    #[arg(long)]
    listen: Option<SocketAddr>,
    /// The certificate chain (PEM) for HTTPS.
    #[arg(long, requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// Its private key (PEM).
    #[arg(long, requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// A reverse proxy on this machine terminates TLS: believe its X-Forwarded-Proto and
    /// X-Forwarded-For, from loopback only.
    #[arg(long)]
    behind_proxy: bool,
    /// The daily backup's time of day, HH:MM (default 02:30).
    #[arg(long)]
    backup_at: Option<String>,
    /// The daily backups' folder (default: `backups` beside the data file).
    #[arg(long)]
    backup_dir: Option<PathBuf>,
    /// Minutes a session may stay unused before it ends (default 30).
    #[arg(long)]
    session_idle_minutes: Option<u32>,
    /// Serve the UI from this folder (a `vite build` output) instead of the one built in.
    #[arg(long)]
    ui_dir: Option<PathBuf>,
}

/// Threads for commands, sign-ins and files (tokio's default is 512).
const BLOCKING_THREADS: usize = 16;

/// The exit status of a refused start (sysexits' EX_CONFIG): the unit does not restart on it
/// (`RestartPreventExitStatus=78`), since the same settings would be refused again.
const REFUSED: u8 = 78;

/// A refused start or a failure prints one line (the journal shows it in `systemctl status`).
fn main() -> ExitCode {
    let cli = Cli::parse();
    let (server, settings) = match start(&cli) {
        Ok(started) => started,
        Err(why) => {
            eprintln!("transferdesk-server: not started: {why}");
            return ExitCode::from(REFUSED);
        }
    };
    match run(server, &settings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("transferdesk-server: {why:#}");
            ExitCode::FAILURE
        }
    }
}

/// The checks of a start, in order, before anything is created: the clock, the configuration
/// file, the settings (TLS files), an installation's data folder, the data file (a newer one is
/// refused before it is written). Then the server opens it (migrating an older one).
fn start(cli: &Cli) -> Result<(Server, Settings), String> {
    transferdesk_api::clock::check()?;
    let file = match &cli.config {
        Some(path) => File::read(path)?,
        None => File::default(),
    };
    let given = File {
        listen: cli.listen,
        data_file: cli.db.clone(),
        tls_cert: cli.tls_cert.clone(),
        tls_key: cli.tls_key.clone(),
        behind_proxy: cli.behind_proxy.then_some(true),
        backup_at: cli.backup_at.clone(),
        backup_dir: cli.backup_dir.clone(),
        session_idle_minutes: cli.session_idle_minutes,
        ui_dir: cli.ui_dir.clone(),
        ..File::default()
    };
    let settings = Settings::resolve(file, given)?;
    if cli.config.is_some() {
        transferdesk_server::config::check_data_folder(&settings.data_file)?;
    }
    let server = Server::open(&settings).map_err(|e| {
        let shown = settings.data_file.display().to_string();
        match e {
            // The server never creates an empty data file: say how one is made.
            transferdesk_core::Error::Missing(_) => format!(
                "data file not found: {shown} (create it with `transferdesk --db {shown} init --institution NAME`; an installed server: `transferdesk-admin init --institution NAME`)"
            ),
            e => {
                let why = e.message(transferdesk_core::Lang::En);
                if why.contains(&shown) {
                    why
                } else {
                    format!("data file {shown}: {why}")
                }
            }
        }
    })?;
    first_admin_hint(&server, &settings);
    Ok((server, settings))
}

fn run(server: Server, settings: &Settings) -> anyhow::Result<()> {
    let server = Arc::new(server);
    // Commands hold the one store in turn: more blocking threads than a few would only wait for it.
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().max_blocking_threads(BLOCKING_THREADS).build()?;
    runtime.block_on(serve(Arc::clone(&server), settings))?;
    drop(runtime);
    if let Ok(server) = Arc::try_unwrap(server) {
        server.close();
    }
    Ok(())
}

/// With no account yet, nobody could sign in: say how to create the first admin.
fn first_admin_hint(server: &Server, settings: &Settings) {
    if server.accounts().is_ok_and(|n| n == 0) {
        eprintln!(
            "No account yet. Create the first administrator with:\n  transferdesk --db {} user add admin --name 管理员 --role admin\n(it prints a password to sign in with; add the office's people on the 账号 screen or with `transferdesk user add`).",
            settings.data_file.display()
        );
    }
}

async fn serve(server: Arc<Server>, settings: &Settings) -> anyhow::Result<()> {
    let app = router(Arc::clone(&server)).into_make_service_with_connect_info::<SocketAddr>();
    let handle = axum_server::Handle::new();
    {
        let handle = handle.clone();
        tokio::spawn(async move {
            shutdown().await;
            // Requests under way get half a minute to finish; new ones are refused.
            handle.graceful_shutdown(Some(std::time::Duration::from_secs(30)));
        });
    }
    tokio::spawn(schedule::daily(Arc::clone(&server), settings.backup_at, settings.backup_dir.clone()));
    mail::start(&server, settings.mail.as_ref());
    let listen = settings.listen;
    let scheme = if settings.tls.is_some() { "https" } else { "http" };
    {
        let handle = handle.clone();
        tokio::spawn(async move {
            // Tests and scripts read the address (with the port picked) from this line.
            if let Some(addr) = handle.listening().await {
                println!("listening on {scheme}://{addr}");
            }
        });
    }
    match &settings.tls {
        Some((cert, key)) => {
            // ring builds without cmake or nasm (aws-lc-rs needs both); its lack of post-quantum key
            // exchange is the price, said plainly in the README's server section.
            #[allow(deprecated)]
            let _ = rustls::crypto::ring::default_provider().install_default();
            let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
                .await
                .with_context(|| format!("cannot use the TLS files {} and {}", cert.display(), key.display()))?;
            axum_server::bind_rustls(listen, config)
                .handle(handle)
                .serve(app)
                .await
                .with_context(|| format!("cannot listen on {listen}"))?
        }
        None => axum_server::bind(listen).handle(handle).serve(app).await.with_context(|| format!("cannot listen on {listen}"))?,
    }
    Ok(())
}

/// Ctrl+C or SIGTERM (systemd's stop).
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
