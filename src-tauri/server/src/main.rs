//! `transferdesk-server`: serves one data file to browsers on this machine.

use anyhow::Context;
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use transferdesk_server::{router, Options, Server};

/// TransferDesk's server: the app's screens in a browser, over one data file.
#[derive(Parser)]
#[command(name = "transferdesk-server", version)]
struct Cli {
    /// The data file (default: $TRANSFERDESK_DB, else the desktop app's file).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Address and port to listen on; port 0 picks a free one (printed at start).
    #[arg(long, default_value = "127.0.0.1:8470")]
    listen: SocketAddr,
    /// Serve the UI from this folder (a `vite build` output) instead of the one built in.
    #[arg(long)]
    ui_dir: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    transferdesk_api::clock::check().map_err(anyhow::Error::msg)?;
    if !cli.listen.ip().is_loopback() {
        anyhow::bail!("{} is not a loopback address: this server has no accounts or TLS yet and listens on this machine only", cli.listen);
    }
    let db = transferdesk_core::store::resolve_path(cli.db.as_deref());
    let server = Server::open(&Options { db: db.clone(), ui_dir: cli.ui_dir.clone() })
        .map_err(|e| anyhow::anyhow!(e.message(transferdesk_core::Lang::En)))
        .with_context(|| format!("cannot open {}", db.display()))?;
    let server = Arc::new(server);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(cli.listen).await.with_context(|| format!("cannot listen on {}", cli.listen))?;
        // Tests and scripts read the address (with the port picked) from this line.
        println!("listening on http://{}", listener.local_addr()?);
        axum::serve(listener, router(Arc::clone(&server))).with_graceful_shutdown(shutdown()).await?;
        anyhow::Ok(())
    })?;
    drop(runtime);
    if let Ok(server) = Arc::try_unwrap(server) {
        server.close().map_err(|f| anyhow::anyhow!(f.report.message))?;
    }
    Ok(())
}

/// Ctrl+C or SIGTERM: stop taking requests, finish those under way.
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
