/** One colour per incident state, for the map's points and the list's chips. */
export const STATE_COLOURS: Record<string, string> = {
  reported: '#d97706',
  accepted: '#ca8a04',
  registered: '#a16207',
  dispatched: '#2563eb',
  in_progress: '#7c3aed',
  feedback: '#0891b2',
  verified: '#0d9488',
  closed: '#16a34a',
  evaluated: '#4d7c0f',
  voided: '#9ca3af',
};

/** Red ring of an overdue incident. */
export const OVERDUE_COLOUR = '#dc2626';

export const ALL_STATES = [
  'reported',
  'accepted',
  'registered',
  'dispatched',
  'in_progress',
  'feedback',
  'verified',
  'closed',
  'evaluated',
  'voided',
] as const;
export const OPEN_STATES = ['reported', 'accepted', 'registered', 'dispatched', 'in_progress', 'feedback', 'verified'];
