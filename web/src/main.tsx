import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, subscribe, type Head, type LiveEvent } from './api';
import { href, useRoute } from './router';
import { shortHash } from './format';
import { Search } from './components/Search';
import { Overview } from './pages/Overview';
import { Matrix } from './pages/Matrix';
import { ServicePage, ServicesPage } from './pages/Services';
import { OperatorPage, OperatorsPage } from './pages/Operators';
import { HolderPage } from './pages/Holder';
import { Feed } from './pages/Feed';
import { Risk } from './pages/Risk';
import { Prices } from './pages/Prices';
import { Graph } from './pages/Graph';
import { AllocationPage, AllocationsPage } from './pages/Allocations';
import './style.css';

const pages: { page: string; label: string }[] = [
  { page: 'overview', label: 'Overview' },
  { page: 'matrix', label: 'Matrix' },
  { page: 'graph', label: 'Graph' },
  { page: 'services', label: 'Services' },
  { page: 'operators', label: 'Operators' },
  { page: 'feed', label: 'Slashes & alerts' },
  { page: 'risk', label: 'Loss distribution' },
  { page: 'prices', label: 'Prices' },
  { page: 'allocations', label: 'Allocations' },
];

/** Most recent live events kept for the feed page. */
const feedMax = 500;
/** Coalescing delay for head refreshes after live events. */
const headRefreshMs = 150;

/** The head, the live events for the feed, whether the event stream is connected, and a tick per new risk figures. */
function useLive() {
  const [head, setHead] = useState<Head | null>(null);
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [live, setLive] = useState(false);
  const [riskTick, setRiskTick] = useState(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () =>
      api.head().then(
        (h) => !stopped && setHead(h),
        () => undefined,
      );
    // A burst of events (a replay, a batch) refreshes the head once, not once per event.
    const soon = () => {
      if (timer === null) timer = setTimeout(() => ((timer = null), void refresh()), headRefreshMs);
    };
    void refresh();
    const stop = subscribe((e) => {
      // job progress is frequent and live-only: the job pages poll their answer instead
      if (e.type === 'job') return;
      // new figures of the head (the deferred network search, proven bounds): the overview reloads /v1/risk
      if (e.type === 'metrics' || e.type === 'exact' || e.type === 'exactFailed') {
        if (e.type !== 'metrics' || e.data['pending'] === undefined) setRiskTick((n) => n + 1);
        return;
      }
      setEvents((old) => [e, ...old].slice(0, feedMax));
      // live-only risk events (alerts) carry no new log entry: the head has not moved
      if (e.type !== 'alert') soon();
    }, setLive);
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      stop();
    };
  }, []);
  return { head, events, live, riskTick };
}

function App() {
  const route = useRoute();
  const { head, events, live, riskTick } = useLive();
  const seq = head?.seq ?? -1;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <a class="brand" href={href('overview')}>
          stakemesh
        </a>
        <nav aria-label="Pages">
          <ul>
            {pages.map((p) => (
              <li key={p.page}>
                <a href={href(p.page)} aria-current={route.page === p.page ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <Search />
        <p class="head" aria-live="polite" data-head-seq={head?.seq} data-head-block={head?.block}>
          <span class={live ? 'dot live' : 'dot'} title={live ? 'live: following the server' : 'not connected'} />
          <span class="sr-only">{live ? 'live' : 'not connected'}</span>
          block <b>{head?.block ?? '—'}</b> · seq <b>{head?.seq ?? '—'}</b> ·{' '}
          <span title={head?.stateHash}>state {shortHash(head?.stateHash)}</span>
        </p>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} seq={seq} head={head} events={events} riskTick={riskTick} />
      </main>
    </>
  );
}

function Page({
  route,
  seq,
  head,
  events,
  riskTick,
}: {
  route: ReturnType<typeof useRoute>;
  seq: number;
  head: Head | null;
  events: LiveEvent[];
  riskTick: number;
}) {
  const id = route.id;
  switch (route.page) {
    case 'overview':
      return <Overview seq={seq} head={head} riskTick={riskTick} />;
    case 'matrix':
      return <Matrix seq={seq} />;
    case 'services':
      return id ? <ServicePage id={id} seq={seq} /> : <ServicesPage seq={seq} />;
    case 'operators':
      return id ? <OperatorPage id={id} seq={seq} /> : <OperatorsPage seq={seq} />;
    case 'stakers':
    case 'vaults':
    case 'lrts':
      return id ? <HolderPage kind={route.page} id={id} seq={seq} /> : <NotFound what={route.page} />;
    case 'feed':
      return <Feed events={events} seq={seq} />;
    case 'risk':
      return <Risk seq={seq} />;
    case 'graph':
      return <Graph seq={seq} />;
    case 'prices':
      return <Prices seq={seq} />;
    case 'allocations':
      return id ? <AllocationPage id={id} seq={seq} /> : <AllocationsPage seq={seq} />;
    default:
      return <NotFound what={route.page} />;
  }
}

function NotFound({ what }: { what: string }) {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no page “{what}”. <a href={href('overview')}>Back to the overview</a>.
      </p>
    </section>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
