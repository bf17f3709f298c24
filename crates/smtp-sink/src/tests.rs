//! A raw SMTP conversation with the sink, byte by byte.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use super::{Behaviour, SmtpSink};

/// Sends `command` and returns the full reply (all lines of a multi-line reply).
fn exchange(reader: &mut BufReader<TcpStream>, command: &str) -> String {
    if !command.is_empty() {
        reader.get_mut().write_all(command.as_bytes()).unwrap();
    }
    let mut reply = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        reply.push_str(&line);
        if line.len() < 4 || line.as_bytes()[3] != b'-' {
            return reply;
        }
    }
}

fn connect(sink: &SmtpSink) -> BufReader<TcpStream> {
    let stream = TcpStream::connect(("127.0.0.1", sink.port())).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    BufReader::new(stream)
}

#[test]
fn accepts_a_message_and_unstuffs_dots() {
    let sink = SmtpSink::start().unwrap();
    assert_eq!(sink.url(), format!("smtp://127.0.0.1:{}", sink.port()));
    let mut client = connect(&sink);
    assert!(exchange(&mut client, "").starts_with("220 "));
    let ehlo = exchange(&mut client, "EHLO test.local\r\n");
    assert!(ehlo.contains("250-8BITMIME"), "{ehlo}");
    assert!(!ehlo.contains("STARTTLS"), "{ehlo}");
    assert!(exchange(&mut client, "NOOP\r\n").starts_with("250 "));
    assert!(exchange(&mut client, "RCPT TO:<a@b.nl>\r\n").starts_with("503 "));
    assert!(exchange(&mut client, "MAIL FROM:<from@x.nl> BODY=8BITMIME\r\n").starts_with("250 "));
    assert!(exchange(&mut client, "RCPT TO:<one@y.nl>\r\n").starts_with("250 "));
    assert!(exchange(&mut client, "rcpt to:<two@y.nl>\r\n").starts_with("250 "));
    assert!(exchange(&mut client, "DATA\r\n").starts_with("354 "));
    let reply = exchange(
        &mut client,
        "Subject: x\r\n\r\n..leading dot\r\n..\r\nend\r\n.\r\n",
    );
    assert!(reply.starts_with("250 "), "{reply}");
    assert!(exchange(&mut client, "QUIT\r\n").starts_with("221 "));

    let messages = sink.wait_for(1, Duration::from_secs(5)).unwrap();
    assert_eq!(messages[0].mail_from, "from@x.nl");
    assert_eq!(messages[0].rcpt_to, ["one@y.nl", "two@y.nl"]);
    assert_eq!(
        messages[0].data,
        b"Subject: x\r\n\r\n.leading dot\r\n.\r\nend\r\n"[..].to_vec()
    );
}

#[test]
fn rset_forgets_the_envelope() {
    let sink = SmtpSink::start().unwrap();
    let mut client = connect(&sink);
    exchange(&mut client, "");
    exchange(&mut client, "HELO test\r\n");
    exchange(&mut client, "MAIL FROM:<a@b.nl>\r\n");
    assert!(exchange(&mut client, "RSET\r\n").starts_with("250 "));
    assert!(exchange(&mut client, "RCPT TO:<c@d.nl>\r\n").starts_with("503 "));
    assert!(exchange(&mut client, "STARTTLS\r\n").starts_with("502 "));
}

#[test]
fn rejects_recipients_with_the_configured_reply() {
    let sink = SmtpSink::start_rejecting("550 5.1.1 mailbox unavailable").unwrap();
    let mut client = connect(&sink);
    exchange(&mut client, "");
    exchange(&mut client, "EHLO test\r\n");
    exchange(&mut client, "MAIL FROM:<a@b.nl>\r\n");
    assert_eq!(
        exchange(&mut client, "RCPT TO:<c@d.nl>\r\n"),
        "550 5.1.1 mailbox unavailable\r\n"
    );
    assert!(exchange(&mut client, "DATA\r\n").starts_with("503 "));
}

#[test]
fn hanging_sink_records_but_never_answers() {
    let sink = SmtpSink::start_with(Behaviour::HangAfterData, None).unwrap();
    let mut client = connect(&sink);
    client
        .get_ref()
        .set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    exchange(&mut client, "");
    exchange(&mut client, "EHLO test\r\n");
    exchange(&mut client, "MAIL FROM:<a@b.nl>\r\n");
    exchange(&mut client, "RCPT TO:<c@d.nl>\r\n");
    exchange(&mut client, "DATA\r\n");
    client.get_mut().write_all(b"hello\r\n.\r\n").unwrap();
    let mut line = String::new();
    assert!(client.read_line(&mut line).is_err(), "answered {line:?}");
    assert_eq!(sink.wait_for(1, Duration::from_secs(5)).unwrap().len(), 1);
}

#[test]
fn writes_messages_to_a_folder() {
    let folder = std::env::temp_dir().join(format!("smtp-sink-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let sink = SmtpSink::start_with(Behaviour::Accept, Some(folder.clone())).unwrap();
    let mut client = connect(&sink);
    exchange(&mut client, "");
    exchange(&mut client, "EHLO test\r\n");
    exchange(&mut client, "MAIL FROM:<a@b.nl>\r\n");
    exchange(&mut client, "RCPT TO:<c@d.nl>\r\n");
    exchange(&mut client, "DATA\r\n");
    assert!(exchange(&mut client, "body\r\n.\r\n").starts_with("250 "));
    assert_eq!(std::fs::read(folder.join("0001.eml")).unwrap(), b"body\r\n");
    assert_eq!(
        std::fs::read_to_string(folder.join("0001.envelope")).unwrap(),
        "MAIL FROM:<a@b.nl>\nRCPT TO:<c@d.nl>\n"
    );
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn wait_for_times_out_with_a_count() {
    let sink = SmtpSink::start().unwrap();
    let error = sink.wait_for(1, Duration::from_millis(50)).unwrap_err();
    assert_eq!((error.expected, error.received), (1, 0));
}
