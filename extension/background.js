// Background glue (service worker in Chrome, event page in Firefox). It keeps
// each tab's protection state, reported by the content script, for the popup,
// and shows it on the toolbar badge. It stores no page content and makes no
// network request.
'use strict';

// paused_wasm: the page blocks WebAssembly (CSP); not_started: Saavdhan's own module
// is missing or damaged (extension/content/loader.js tells them apart).
const STATES = ['active', 'paused_wasm', 'not_started', 'page_not_understood', 'not_facebook'];
const BADGE = {
  active: { text: '', color: '#166534', title: 'badgeActive' },
  paused_wasm: { text: '!', color: '#9a3412', title: 'badgePaused' },
  not_started: { text: '!', color: '#9a3412', title: 'ctl_badgeNotStarted' },
  page_not_understood: { text: '?', color: '#374151', title: 'badgeNotUnderstood' },
  not_facebook: { text: '', color: '#374151', title: 'badgeNotFacebook' },
};

function key(tabId) {
  return 'tab:' + tabId;
}

function showBadge(tabId, state) {
  const b = BADGE[state];
  if (!b) return;
  const title = chrome.i18n.getMessage(b.title) || '';
  chrome.action.setBadgeText({ tabId, text: b.text }).catch(() => {});
  chrome.action.setBadgeBackgroundColor({ tabId, color: b.color }).catch(() => {});
  if (title) chrome.action.setTitle({ tabId, title }).catch(() => {});
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg.type !== 'string') return false;
  if (msg.type === 'saavdhan:state') {
    const tabId = sender.tab && sender.tab.id;
    if (typeof tabId !== 'number' || !STATES.includes(msg.state)) return false;
    const entry = { state: msg.state, detail: String(msg.detail || '').slice(0, 200), at: Date.now() };
    chrome.storage.session.set({ [key(tabId)]: entry }).catch(() => {});
    showBadge(tabId, msg.state);
    return false;
  }
  if (msg.type === 'saavdhan:get-tab-state') {
    const k = key(msg.tabId);
    chrome.storage.session.get(k).then(
      (r) => sendResponse(r[k] || null),
      () => sendResponse(null)
    );
    return true; // answered asynchronously
  }
  return false;
});

chrome.tabs.onRemoved.addListener((tabId) => {
  chrome.storage.session.remove(key(tabId)).catch(() => {});
});

// A new document in the tab: its state is unknown until its content script
// reports (pages outside facebook.com never do, so the popup says "not Facebook").
chrome.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.status !== 'loading' || !changeInfo.url) return;
  chrome.storage.session.remove(key(tabId)).catch(() => {});
  chrome.action.setBadgeText({ tabId, text: '' }).catch(() => {});
});
