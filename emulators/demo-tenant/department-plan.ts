/**
 * The organisation's departments. Sizes vary on purpose (a per-department view must cope with one big
 * department and one of three people); `fixedSize` departments keep their size whatever the tenant size.
 */
export interface DepartmentPlan {
  name: string;
  /** Share of the people left once fixed-size departments are filled. */
  weight?: number;
  fixedSize?: number;
  headTitle: string;
  directorTitle: string;
  managerTitle: string;
  staffTitles: readonly string[];
}

export const EXECUTIVE_OFFICE = 'Executive Office';
export const IT_DEPARTMENT = 'IT & Security';
export const HR_DEPARTMENT = 'Human Resources';
export const SALES_DEPARTMENT = 'Sales';

export const DEPARTMENTS: readonly DepartmentPlan[] = [
  {
    name: EXECUTIVE_OFFICE,
    fixedSize: 3,
    headTitle: 'Chief Executive Officer',
    directorTitle: 'Chief of Staff',
    managerTitle: 'Chief of Staff',
    staffTitles: ['Chief of Staff', 'Executive Assistant'],
  },
  {
    name: 'Internal Audit',
    fixedSize: 3,
    headTitle: 'Head of Internal Audit',
    directorTitle: 'Audit Director',
    managerTitle: 'Audit Manager',
    staffTitles: ['Internal Auditor'],
  },
  {
    name: 'Engineering',
    weight: 28,
    headTitle: 'VP of Engineering',
    directorTitle: 'Director of Engineering',
    managerTitle: 'Engineering Manager',
    staffTitles: ['Software Engineer', 'Senior Software Engineer', 'QA Engineer', 'Site Reliability Engineer', 'Data Engineer'],
  },
  {
    name: SALES_DEPARTMENT,
    weight: 17,
    headTitle: 'VP of Sales',
    directorTitle: 'Regional Sales Director',
    managerTitle: 'Sales Manager',
    staffTitles: ['Account Executive', 'Sales Development Representative', 'Solutions Consultant'],
  },
  {
    name: 'Customer Success',
    weight: 13,
    headTitle: 'VP of Customer Success',
    directorTitle: 'Director of Support',
    managerTitle: 'Support Team Lead',
    staffTitles: ['Customer Success Manager', 'Support Engineer', 'Support Specialist'],
  },
  {
    name: 'Operations',
    weight: 10,
    headTitle: 'Chief Operating Officer',
    directorTitle: 'Director of Operations',
    managerTitle: 'Operations Manager',
    staffTitles: ['Operations Analyst', 'Logistics Coordinator', 'Facilities Coordinator'],
  },
  {
    name: 'Marketing',
    weight: 8,
    headTitle: 'Chief Marketing Officer',
    directorTitle: 'Marketing Director',
    managerTitle: 'Marketing Manager',
    staffTitles: ['Content Strategist', 'Product Marketing Manager', 'Designer'],
  },
  {
    name: 'Finance',
    weight: 7,
    headTitle: 'Chief Financial Officer',
    directorTitle: 'Finance Director',
    managerTitle: 'Finance Manager',
    staffTitles: ['Accountant', 'Financial Analyst', 'Payroll Specialist'],
  },
  {
    name: IT_DEPARTMENT,
    weight: 6,
    headTitle: 'Chief Information Security Officer',
    directorTitle: 'Director of IT',
    managerTitle: 'IT Manager',
    staffTitles: ['Security Analyst', 'Systems Administrator', 'Service Desk Analyst', 'Cloud Engineer', 'Network Engineer'],
  },
  {
    name: HR_DEPARTMENT,
    weight: 5,
    headTitle: 'Chief People Officer',
    directorTitle: 'HR Director',
    managerTitle: 'HR Manager',
    staffTitles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist'],
  },
  {
    name: 'Legal',
    weight: 3,
    headTitle: 'General Counsel',
    directorTitle: 'Associate General Counsel',
    managerTitle: 'Legal Manager',
    staffTitles: ['Corporate Counsel', 'Paralegal', 'Compliance Officer'],
  },
];

/** Reports per manager in the generated tree. */
export const SPAN_OF_CONTROL = 8;
