/**
 * The guide's public face for other rooms: the points each side must mind in each form of
 * collaboration (projects show them beside the role-sharing table) and the PDCA self-check lists
 * (each side of a project answers them). Pages are in feature.ts.
 */
export { CHECKLISTS, type Checklist, type CollabFormGuide, formGuide } from './content.ts'
