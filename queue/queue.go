// Package queue is Verbatim's durable work queue on NATS JetStream: an
// ingest publishes articles to a stream instead of analysing them, and any
// number of workers, on any machines, consume them, analyse them and store
// them in a shared (PostgreSQL) library.
//
// Delivery is at least once and storage exactly once: a worker
// acknowledges an article only after the transaction that stored it has
// committed, an unacknowledged article is delivered again (to any worker)
// after AckWait, and the library skips content it already holds (content
// hash). An article that fails K times (MaxAttempts; an error, a panic in
// analysis, or a worker that died while holding it) is published with its
// reason to the dead-letter subject and acknowledged, so it never blocks
// the stream.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/verbatim-news/verbatim"
)

// DefaultStream is the stream name when none is given.
const DefaultStream = "VERBATIM"

// Subjects of a stream named s: articles are published on Articles(s),
// dead letters on Dead(s) (kept by the stream s+"_DEAD").
func Articles(stream string) string { return stream + ".articles" }

// Dead is the dead-letter subject of a stream.
func Dead(stream string) string { return stream + ".dead" }

// Consumer is the durable consumer every worker of a stream shares.
const Consumer = "workers"

// Headers of a dead letter.
const (
	HeaderReason   = "Verbatim-Reason"
	HeaderSeq      = "Verbatim-Seq"
	HeaderAttempts = "Verbatim-Attempts"
)

// Message is an article as it travels on the queue.
type Message struct {
	verbatim.Article
	Source string `json:"source,omitempty"` // where it came from: path, path:line, URL
	Format string `json:"format,omitempty"`
}

// Encode makes the message body of an article.
func Encode(a verbatim.Article) ([]byte, error) {
	return json.Marshal(Message{Article: a, Source: a.Source, Format: a.Format})
}

// Decode reads a message body back into an article.
func Decode(data []byte) (verbatim.Article, error) {
	var m Message
	if err := json.Unmarshal(data, &m); err != nil {
		return verbatim.Article{}, fmt.Errorf("not an article: %v", err)
	}
	a := m.Article
	a.Source, a.Format = m.Source, m.Format
	return a, nil
}

// Connect connects to the NATS server at url (reconnecting for ever if it
// goes away) and returns its JetStream context.
func Connect(url, name string) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := nats.Connect(url, nats.Name(name), nats.MaxReconnects(-1), nats.ReconnectWait(250*time.Millisecond),
		nats.RetryOnFailedConnect(false))
	if err != nil {
		return nil, nil, fmt.Errorf("queue %s: %v", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("queue %s: %v", url, err)
	}
	return nc, js, nil
}

// Ensure creates the stream, its dead-letter stream and the workers'
// consumer when missing. Articles are kept on disk until a worker has
// stored them (work-queue retention); a message with the same id (the
// article's content hash) published again within two minutes is dropped.
func Ensure(ctx context.Context, js jetstream.JetStream, stream string, ackWait time.Duration) (jetstream.Consumer, error) {
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: stream, Subjects: []string{Articles(stream)}, Retention: jetstream.WorkQueuePolicy,
		Storage: jetstream.FileStorage, Duplicates: 2 * time.Minute,
	}); err != nil {
		return nil, fmt.Errorf("stream %s: %w", stream, err)
	}
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: stream + "_DEAD", Subjects: []string{Dead(stream)}, Storage: jetstream.FileStorage,
	}); err != nil {
		return nil, fmt.Errorf("stream %s_DEAD: %w", stream, err)
	}
	if ackWait <= 0 {
		ackWait = 30 * time.Second
	}
	c, err := js.CreateOrUpdateConsumer(ctx, stream, jetstream.ConsumerConfig{
		Durable: Consumer, AckPolicy: jetstream.AckExplicitPolicy, AckWait: ackWait,
		MaxAckPending: 4096, FilterSubject: Articles(stream),
	})
	if err != nil {
		return nil, fmt.Errorf("consumer %s of %s: %w", Consumer, stream, err)
	}
	return c, nil
}

// Publisher publishes articles to a stream, many in flight at once.
type Publisher struct {
	js     jetstream.JetStream
	stream string
	acks   []jetstream.PubAckFuture
}

// NewPublisher returns a publisher to the stream.
func NewPublisher(js jetstream.JetStream, stream string) *Publisher {
	return &Publisher{js: js, stream: stream}
}

// Publish sends an article; Wait confirms it was stored by the server.
func (p *Publisher) Publish(a verbatim.Article) error {
	data, err := Encode(a)
	if err != nil {
		return err
	}
	msg := &nats.Msg{Subject: Articles(p.stream), Data: data, Header: nats.Header{}}
	msg.Header.Set(jetstream.MsgIDHeader, verbatim.ContentHash(a.Text))
	f, err := p.js.PublishMsgAsync(msg)
	if err != nil {
		return err
	}
	p.acks = append(p.acks, f)
	if len(p.acks) >= 4096 {
		return p.Wait(context.Background())
	}
	return nil
}

// Wait waits until the server has stored every article published so far.
func (p *Publisher) Wait(ctx context.Context) error {
	select {
	case <-p.js.PublishAsyncComplete():
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(2 * time.Minute):
		return errors.New("the queue did not confirm the articles within 2 minutes")
	}
	var errs []error
	for _, f := range p.acks {
		select {
		case err := <-f.Err():
			errs = append(errs, err)
		default:
		}
	}
	p.acks = p.acks[:0]
	if len(errs) > 0 {
		return fmt.Errorf("%d articles not queued: %v", len(errs), errs[0])
	}
	return nil
}
