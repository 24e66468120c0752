export const EMOTION_FAMILIES = [
  { value: "joy", label: "Joy" },
  { value: "calm", label: "Calm" },
  { value: "connection", label: "Connection" },
  { value: "sadness", label: "Sadness" },
  { value: "fear", label: "Fear" },
  { value: "anger", label: "Anger" },
  { value: "shame", label: "Shame" },
  // Numbness is what clients in this programme most often report, so it gets its own family
  // rather than being treated as the absence of an answer.
  { value: "shutdown", label: "Shut down" },
] as const;

export type EmotionFamily = (typeof EMOTION_FAMILIES)[number]["value"];

export const EMOTIONS = [
  { value: "happy", label: "Happy", family: "joy" },
  { value: "hopeful", label: "Hopeful", family: "joy" },
  { value: "grateful", label: "Grateful", family: "joy" },
  { value: "proud", label: "Proud", family: "joy" },
  { value: "calm", label: "Calm", family: "calm" },
  { value: "relieved", label: "Relieved", family: "calm" },
  { value: "content", label: "Content", family: "calm" },
  { value: "close", label: "Close to someone", family: "connection" },
  { value: "tender", label: "Tender", family: "connection" },
  { value: "cared_for", label: "Cared for", family: "connection" },
  { value: "sad", label: "Sad", family: "sadness" },
  { value: "lonely", label: "Lonely", family: "sadness" },
  { value: "disappointed", label: "Disappointed", family: "sadness" },
  { value: "grieving", label: "Grieving", family: "sadness" },
  { value: "anxious", label: "Anxious", family: "fear" },
  { value: "afraid", label: "Afraid", family: "fear" },
  { value: "overwhelmed", label: "Overwhelmed", family: "fear" },
  { value: "worried", label: "Worried", family: "fear" },
  { value: "angry", label: "Angry", family: "anger" },
  { value: "irritated", label: "Irritated", family: "anger" },
  { value: "frustrated", label: "Frustrated", family: "anger" },
  { value: "resentful", label: "Resentful", family: "anger" },
  { value: "ashamed", label: "Ashamed", family: "shame" },
  { value: "guilty", label: "Guilty", family: "shame" },
  { value: "embarrassed", label: "Embarrassed", family: "shame" },
  { value: "numb", label: "Numb", family: "shutdown" },
  { value: "empty", label: "Empty", family: "shutdown" },
  { value: "flat", label: "Flat", family: "shutdown" },
  { value: "disconnected", label: "Cut off", family: "shutdown" },
] as const satisfies readonly { value: string; label: string; family: EmotionFamily }[];

export type EmotionValue = (typeof EMOTIONS)[number]["value"];

/** Offered only on emotion fields with `allowUnnamed: true`. */
export const UNNAMED_EMOTION = { value: "cant_name_yet", label: "I can't name it yet" } as const;

export type EmotionAnswer = EmotionValue | typeof UNNAMED_EMOTION.value;

export const BODY_AREAS = [
  { value: "head", label: "Head" },
  { value: "face_jaw", label: "Face or jaw" },
  { value: "throat", label: "Throat" },
  { value: "shoulders", label: "Shoulders or neck" },
  { value: "chest", label: "Chest" },
  { value: "stomach", label: "Stomach or belly" },
  { value: "back", label: "Back" },
  { value: "arms_hands", label: "Arms or hands" },
  { value: "legs_feet", label: "Legs or feet" },
  { value: "whole_body", label: "All over" },
  { value: "nowhere", label: "Nowhere I can tell" },
] as const;

export type BodyAreaValue = (typeof BODY_AREAS)[number]["value"];

/** "Nowhere I can tell" is an answer in itself, so it cannot be combined with real areas. */
export const BODY_AREA_NOWHERE = "nowhere" satisfies BodyAreaValue;

export const EMOTION_VALUES = EMOTIONS.map((e) => e.value) as [EmotionValue, ...EmotionValue[]];
export const BODY_AREA_VALUES = BODY_AREAS.map((b) => b.value) as [BodyAreaValue, ...BodyAreaValue[]];
