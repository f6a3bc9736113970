import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { NotFound } from './components/NotFound';
import { RequirePermission } from './components/RequirePermission';
import { OrgUnitsPage } from './pages/admin/OrgUnitsPage';
import { PolicyPage } from './pages/admin/PolicyPage';
import { SensitivePeriodsPage } from './pages/admin/SensitivePeriodsPage';
import { UsersPage } from './pages/admin/UsersPage';
import { AlertDetailPage } from './pages/alerts/AlertDetailPage';
import { AlertListPage } from './pages/alerts/AlertListPage';
import { AlertNewPage } from './pages/alerts/AlertNewPage';
import { AuditPage } from './pages/audit/AuditPage';
import { CaseDetailPage } from './pages/cases/CaseDetailPage';
import { CaseIntakePage } from './pages/cases/CaseIntakePage';
import { CasesPage } from './pages/cases/CasesPage';
import { LedgerImportPage } from './pages/cases/LedgerImportPage';
import { HomeRedirect } from './pages/HomeRedirect';
import { HelpPage } from './pages/help/HelpPage';
import { LoginPage } from './pages/LoginPage';
import { MeetingDetailPage } from './pages/meetings/MeetingDetailPage';
import { MeetingListPage } from './pages/meetings/MeetingListPage';
import { MeetingNewPage } from './pages/meetings/MeetingNewPage';
import { InspectionDetailPage } from './pages/oversight/InspectionDetailPage';
import { InspectionNewPage } from './pages/oversight/InspectionNewPage';
import { InvestigationDetailPage } from './pages/oversight/InvestigationDetailPage';
import { OversightPage } from './pages/oversight/OversightPage';
import { PersonDetailPage } from './pages/persons/PersonDetailPage';
import { PersonFormPage } from './pages/persons/PersonFormPage';
import { PersonListPage } from './pages/persons/PersonListPage';
import { ScreeningPage } from './pages/screening/ScreeningPage';
import { StatsPage } from './pages/stats/StatsPage';
import { VisitListPage } from './pages/visits/VisitListPage';
import { VisitNewPage } from './pages/visits/VisitNewPage';
import { ObligationListPage } from './pages/work/ObligationListPage';
import { WorkDashboardPage } from './pages/work/WorkDashboardPage';

/** A page only users holding `permission` may open; others get the not-found page. */
const guarded = (permission: string, page: ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
);

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'work', element: guarded('work.read', <WorkDashboardPage />) },
      { path: 'work/obligations', element: guarded('work.read', <ObligationListPage />) },
      { path: 'screening', element: guarded('screening.read', <ScreeningPage />) },
      {
        path: 'persons',
        children: [
          { index: true, element: guarded('persons.read', <PersonListPage />) },
          { path: 'new', element: guarded('persons.create', <PersonFormPage />) },
          { path: ':id', element: guarded('persons.read', <PersonDetailPage />) },
          // Whether this person may be edited is the record's own `abilities.update`.
          { path: ':id/edit', element: guarded('persons.read', <PersonFormPage />) },
        ],
      },
      {
        path: 'cases',
        children: [
          { index: true, element: guarded('cases.read', <CasesPage />) },
          { path: 'new', element: guarded('cases.create', <CaseIntakePage />) },
          { path: 'import-ledger', element: guarded('cases.import', <LedgerImportPage />) },
          { path: ':id', element: guarded('cases.read', <CaseDetailPage />) },
        ],
      },
      {
        path: 'meetings',
        children: [
          { index: true, element: guarded('meetings.read', <MeetingListPage />) },
          { path: 'new', element: guarded('meetings.manage', <MeetingNewPage />) },
          // Whether this meeting may be edited or decided is the record's own `abilities`.
          { path: ':id', element: guarded('meetings.read', <MeetingDetailPage />) },
        ],
      },
      {
        path: 'visits',
        children: [
          { index: true, element: guarded('work.read', <VisitListPage />) },
          { path: 'new', element: guarded('work.record', <VisitNewPage />) },
        ],
      },
      { path: 'help', element: guarded('help.read', <HelpPage />) },
      {
        path: 'alerts',
        children: [
          { index: true, element: guarded('alerts.read', <AlertListPage />) },
          { path: 'new', element: guarded('alerts.report', <AlertNewPage />) },
          // Which steps this user may record is the alert's own `abilities`.
          { path: ':id', element: guarded('alerts.read', <AlertDetailPage />) },
        ],
      },
      { path: 'admin/org-units', element: guarded('org.manage', <OrgUnitsPage />) },
      { path: 'admin/users', element: guarded('users.manage', <UsersPage />) },
      { path: 'admin/policy', element: guarded('policy.read', <PolicyPage />) },
      { path: 'admin/sensitive-periods', element: guarded('work.read', <SensitivePeriodsPage />) },
      {
        path: 'oversight',
        children: [
          { index: true, element: guarded('oversight.read', <OversightPage />) },
          { path: 'inspections/new', element: guarded('oversight.manage', <InspectionNewPage />) },
          { path: 'inspections/:id', element: guarded('oversight.read', <InspectionDetailPage />) },
          { path: 'investigations/:id', element: guarded('oversight.read', <InvestigationDetailPage />) },
        ],
      },
      { path: 'stats', element: guarded('stats.read', <StatsPage />) },
      { path: 'audit', element: guarded('audit.read', <AuditPage />) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
